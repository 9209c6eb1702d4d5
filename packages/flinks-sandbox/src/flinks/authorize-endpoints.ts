/** `GenerateAuthorizeToken` and `Authorize` (FLINKS.md §1, §3). */
import type { SandboxContext } from '../context.ts';
import type { AuthorizeOutcome } from './authorize.ts';
import { loginJson } from './bodies.ts';
import { type FlinksFailure, failures } from './errors.ts';
import { type FlinksAnswer, type FlinksEndpoint, failureBody, field, header, requireSecret } from './http.ts';
import { FLINKS_CAPITAL } from './institution.ts';

const AUTHORIZED_LINKS = [
  { rel: 'AccountsDetail', href: '/GetAccountsDetail', example: null },
  { rel: 'AccountsSummary', href: '/GetAccountsSummary', example: null },
  { rel: 'Statements', href: '/GetStatements', example: null },
];
const CHALLENGE_LINKS = [{ rel: 'Authorization', href: '/Authorize', example: null }];

const isTrue = (value: unknown) =>
  value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);

/** Errors on /Authorize also carry Links, Institution and RequestId. */
function authorizeFailure(failure: FlinksFailure, requestId: string | null): FlinksAnswer {
  return {
    status: failure.status,
    body: failureBody(failure, {
      Links: CHALLENGE_LINKS,
      Institution: FLINKS_CAPITAL.name,
      RequestId: requestId,
    }),
  };
}

/**
 * The /Authorize answer for an outcome; Connect reads the same outcomes through its own endpoints.
 * `withoutLogin`: the 200 answers the SecurityResponses of a session opened with a LoginId, which real Flinks
 * sends with no `Login` (FlinksCapital, 2025): the caller already knows the LoginId.
 */
export function authorizeAnswer(outcome: AuthorizeOutcome, withoutLogin = false): FlinksAnswer {
  switch (outcome.kind) {
    case 'authorized':
      return {
        status: 200,
        body: {
          Links: AUTHORIZED_LINKS,
          HttpStatusCode: 200,
          ...(withoutLogin ? {} : { Login: loginJson(outcome.login, outcome.session.epoch) }),
          InstitutionName: FLINKS_CAPITAL.name,
          InstitutionId: FLINKS_CAPITAL.id,
          Institution: FLINKS_CAPITAL.name,
          RequestId: outcome.session.requestId,
          ...(outcome.session.tag ? { Tag: outcome.session.tag } : {}),
        },
      };
    case 'challenged':
      return {
        status: 203,
        // In the order FlinksCapital sends it; `Iterables` only when there are choices.
        body: {
          HttpStatusCode: 203,
          Links: CHALLENGE_LINKS,
          SecurityChallenges: outcome.session.challenges.map((question) => ({
            Type: question.type,
            Prompt: question.prompt,
            ...(question.choices ? { Iterables: [...question.choices] } : {}),
          })),
          InstitutionName: FLINKS_CAPITAL.name,
          InstitutionId: FLINKS_CAPITAL.id,
          Institution: FLINKS_CAPITAL.name,
          RequestId: outcome.session.requestId,
        },
      };
    case 'failed':
      return authorizeFailure(outcome.failure, outcome.session?.requestId ?? null);
  }
}

export function authorizeEndpoints(ctx: SandboxContext): FlinksEndpoint[] {
  return [
    {
      name: 'GenerateAuthorizeToken',
      method: 'POST',
      handler: (call) => {
        requireSecret(ctx, call);
        return { status: 200, body: { HttpStatusCode: 200, Token: ctx.store.issueToken(ctx.now()) } };
      },
    },
    {
      name: 'Authorize',
      method: 'POST',
      handler: (call) => {
        const token = header(call, 'flinks-auth-key')?.trim().toLowerCase();
        // Integrations created before October 2024 may call Authorize without a token (legacy mode only).
        const legacyWithoutToken = token === undefined && ctx.options.legacyAuth;
        if (!legacyWithoutToken && !ctx.store.takeToken(token, ctx.now())) {
          return authorizeFailure(failures.badToken(), null);
        }
        const body = call.body;
        const tag = text(field(body, 'Tag'));
        let outcome: AuthorizeOutcome;
        let withoutLogin = false;
        if (field(body, 'RequestId') !== undefined) {
          const asked = ctx.store.session(field(body, 'RequestId'), ctx.now());
          withoutLogin = asked?.state === 'challenged' && asked.pending === null && asked.login !== null;
          outcome = ctx.authorizer.answer(field(body, 'RequestId'), field(body, 'SecurityResponses'));
        } else if (field(body, 'LoginId') !== undefined) {
          outcome = ctx.authorizer.withLogin(
            field(body, 'LoginId'),
            isTrue(field(body, 'MostRecentCached')),
            tag,
          );
        } else if (field(body, 'Username') !== undefined || field(body, 'Password') !== undefined) {
          outcome = ctx.authorizer.direct({
            username: field(body, 'Username'),
            password: field(body, 'Password'),
            institution: field(body, 'Institution'),
            tag,
            scheduleRefresh: isTrue(field(body, 'ScheduleRefresh')),
          });
        } else {
          outcome = {
            kind: 'failed',
            failure: failures.invalidRequest('Provide a LoginId, a Username and Password, or a RequestId'),
          };
        }
        if (outcome.session) call.requestId = outcome.session.requestId;
        const loginId = outcome.kind === 'authorized' ? outcome.login.id : outcome.session?.login?.id;
        if (loginId) call.loginId = loginId;
        return authorizeAnswer(outcome, withoutLogin);
      },
    },
  ];
}
