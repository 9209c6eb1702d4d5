/** Managing a login: MFA questions, deletion, nightly refresh (FLINKS.md §5). */
import type { SandboxContext } from '../context.ts';
import { formatLastRefresh } from '../generator/calendar.ts';
import { FlinksFailure, failures } from './errors.ts';
import {
  type FlinksCall,
  type FlinksEndpoint,
  field,
  requireBearerSecret,
  requireManagementKey,
} from './http.ts';
import { SECURITY_QUESTIONS } from './institution.ts';
import type { Login } from './store.ts';

/** The questions the bank holds for a login: the toolbox's three, for users who get MFA at all. */
function questionsOf(login: Login): string[] {
  return login.user.behaviour.kind === 'mfa' ? SECURITY_QUESTIONS.map((question) => question.prompt) : [];
}

export function loginEndpoints(ctx: SandboxContext): FlinksEndpoint[] {
  function knownLogin(call: FlinksCall, loginId: unknown): Login {
    requireManagementKey(ctx, call);
    const login = ctx.store.login(loginId);
    if (!login) throw failures.unknownLogin();
    call.loginId = login.id;
    return login;
  }

  /** The logins set for nightly refresh whose last refresh failed, among `logins`. */
  function nightlyRefreshStatus(logins: Iterable<Login>) {
    const ineligible = [...logins]
      .filter((login) => login.isScheduledRefresh && login.lastRefreshError !== null)
      .map((login) => ({
        LoginId: login.id,
        LastRefreshDate: formatLastRefresh(login.refreshTimes.at(-1) ?? 0, 0),
        LastRefreshState: 'Failed',
        LastRefreshErrorCode: login.lastRefreshError,
      }));
    return { status: 200, body: { HttpStatusCode: 200, IneligibleCards: ineligible } };
  }

  return [
    {
      name: 'GetMFAQuestions',
      method: 'GET',
      param: 'loginId',
      handler: (call) => {
        requireManagementKey(ctx, call);
        const login = ctx.store.login(call.param);
        if (!login) throw failures.invalidLoginRequest(call.param ?? '');
        call.loginId = login.id;
        return {
          status: 200,
          body: {
            HttpStatusCode: 200,
            Message: 'SUCCESS',
            Questions: questionsOf(login).map((question) => ({ Question: question })),
          },
        };
      },
    },
    {
      name: 'AnswerMFAQuestions',
      method: 'PATCH',
      handler: (call) => {
        const login = knownLogin(call, field(call.body, 'LoginId'));
        const questions = field(call.body, 'Questions');
        if (!Array.isArray(questions) || questions.length === 0) {
          throw failures.invalidRequest('Questions must be a non-empty array of {Question, Answer}');
        }
        const known = questionsOf(login);
        const answers = new Map<string, string>();
        for (const item of questions) {
          const entry = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
          const question = field(entry, 'Question');
          const answer = field(entry, 'Answer');
          if (typeof question !== 'string' || typeof answer !== 'string' || answer.trim() === '') {
            throw failures.invalidRequest('Each item of Questions needs a Question and an Answer');
          }
          const prompt = known.find((candidate) => candidate.toLowerCase() === question.trim().toLowerCase());
          if (!prompt)
            throw new FlinksFailure('QUESTION_NOT_FOUND', `"${question}" is not a question of this login`);
          answers.set(prompt, answer.trim());
        }
        for (const [prompt, answer] of answers) login.mfaAnswers.set(prompt, answer);
        return { status: 200, body: { HttpStatusCode: 200, Message: 'Answers updated' } };
      },
    },
    {
      name: 'DeleteCard',
      method: 'DELETE',
      param: 'loginId',
      handler: (call) => {
        const login = knownLogin(call, call.param);
        if (ctx.retrieval.isBusy(login.id, ctx.now())) throw failures.cardInUse();
        ctx.store.deleteLogin(login);
        ctx.bodies.forget(login.id);
        ctx.webhooks.forgetLogin(login.id);
        return {
          status: 200,
          body: {
            HttpStatusCode: 200,
            StatusCode: 200,
            Message: `All of the information about LoginId ${login.id} has been removed`,
          },
        };
      },
    },
    {
      name: 'SetScheduledRefresh',
      method: 'PATCH',
      handler: (call) => {
        const login = knownLogin(call, field(call.body, 'LoginId'));
        const activated = field(call.body, 'IsActivated');
        if (typeof activated !== 'boolean')
          throw failures.invalidRequest('IsActivated must be true or false');
        login.isScheduledRefresh = activated;
        return {
          status: 200,
          body: {
            HttpStatusCode: 200,
            Message: `LoginId ${login.id} has now been ${activated ? 'activated' : 'deactivated'} for automatic refresh`,
          },
        };
      },
    },
    {
      name: 'GetNightlyRefreshStatus',
      method: 'GET',
      handler: (call) => {
        requireBearerSecret(ctx, call);
        return nightlyRefreshStatus(ctx.store.allLogins());
      },
    },
    {
      // One login's status; an unknown one is a bad request, not an empty list.
      name: 'GetNightlyRefreshStatus',
      method: 'GET',
      param: 'loginId',
      handler: (call) => {
        requireBearerSecret(ctx, call);
        const login = ctx.store.login(call.param);
        if (!login) throw failures.invalidLoginRequest(call.param ?? '');
        call.loginId = login.id;
        return nightlyRefreshStatus([login]);
      },
    },
  ];
}
