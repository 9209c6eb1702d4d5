/**
 * The Connect page at `/v2/` and the endpoints its script talks to (`/v2/api/…`). They share the emulator's
 * store, so a login made here is known to /Authorize, and a session challenged by a live /Authorize can be
 * answered here (`?requestId=`).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.ts';
import type { AuthorizeOutcome } from '../flinks/authorize.ts';
import { FLINKS_CAPITAL } from '../flinks/institution.ts';
import type { DaysOfTransactions } from '../flinks/store.ts';
import { connectStatementMonths } from '../statements/endpoints.ts';
import { connectAsset } from './assets.ts';

/** Framing by any origin is the point of this page: no X-Frame-Options, no frame-ancestors. */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const asObject = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

function days(value: unknown): DaysOfTransactions | null {
  return value === 'Days90' || value === 'Days365' ? value : null;
}

/** Where the page goes after a failure: back to the credentials, back to the questions, or an error screen. */
function retryStep(code: string): 'credentials' | 'mfa' | 'error' {
  if (code === 'INVALID_LOGIN' || code === 'INVALID_USERNAME' || code === 'INVALID_PASSWORD')
    return 'credentials';
  if (code === 'INVALID_SECURITY_RESPONSE' || code === 'SECURITYRESPONSES_INCOMPLETE') return 'mfa';
  return 'error';
}

export function connectRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  function outcomeBody(outcome: AuthorizeOutcome, connectId: string) {
    switch (outcome.kind) {
      case 'authorized': {
        const { login, session } = outcome;
        const accounts = ctx.bodies.loginData(login, session.epoch).accounts.map((account) => ({
          id: account.id,
          title: account.title,
          type: account.type,
          category: account.category,
          currency: account.currency,
          number: `•••${account.accountNumber.slice(-3)}`,
          balance: account.current / 100,
        }));
        return {
          result: 'authorized',
          loginId: login.id,
          requestId: session.requestId,
          institution: FLINKS_CAPITAL.name,
          accounts,
        };
      }
      case 'challenged':
        ctx.connect.get(connectId)?.requestIds.add(outcome.session.requestId);
        return {
          result: 'challenged',
          requestId: outcome.session.requestId,
          institution: FLINKS_CAPITAL.name,
          challenges: outcome.session.challenges.map((question) => ({
            type: question.type,
            prompt: question.prompt,
            choices: question.choices ?? [],
          })),
        };
      case 'failed':
        return {
          result: 'failed',
          flinksCode: outcome.failure.code,
          message: outcome.failure.message,
          requestId: outcome.session?.requestId ?? null,
          institution: FLINKS_CAPITAL.name,
          retry: retryStep(outcome.failure.code),
        };
    }
  }

  function refuse(
    reply: FastifyReply,
    status: number,
    flinksCode: string,
    message: string,
    requestId?: string,
  ) {
    return reply
      .code(status)
      .send({ result: 'failed', flinksCode, message, requestId: requestId ?? null, retry: 'error' });
  }

  app.get('/v2/', async (_request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .header('content-security-policy', PAGE_POLICY)
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(connectAsset('connect.html')),
  );

  app.get('/v2/connect.js', async (_request, reply) =>
    reply
      .header('cache-control', 'no-cache')
      .type('text/javascript; charset=utf-8')
      .send(connectAsset('connect.js')),
  );

  app.get('/v2/connect.css', async (_request, reply) =>
    reply
      .header('cache-control', 'no-cache')
      .type('text/css; charset=utf-8')
      .send(connectAsset('connect.css')),
  );

  /** The page's start: consumes its authorize token; with `requestId`, resumes that challenged session. */
  app.post('/v2/api/sessions', async (request, reply) => {
    const body = asObject(request.body);
    const token = text(body.authorizeToken)?.trim().toLowerCase();
    if (!ctx.store.takeToken(token, ctx.now())) {
      return refuse(reply, 401, 'UNAUTHORIZED', 'You must provide a valid authorize token');
    }
    const connect = ctx.connect.open();
    const requestId = text(body.requestId);
    if (!requestId) return { connectId: connect.id };
    const session = ctx.store.session(requestId, ctx.now());
    if (session?.state !== 'challenged') {
      return refuse(
        reply,
        400,
        'SESSION_NONEXISTENT',
        `RequestId ${requestId} is invalid or session has ended`,
        requestId,
      );
    }
    session.lastActivityAt = ctx.now();
    connect.requestIds.add(session.requestId);
    return {
      connectId: connect.id,
      resume: outcomeBody({ kind: 'challenged', session }, connect.id),
    };
  });

  app.post('/v2/api/credentials', async (request, reply) => {
    const body = asObject(request.body);
    const connect = ctx.connect.get(body.connectId);
    if (!connect) return refuse(reply, 401, 'SESSION_NONEXISTENT', 'This Connect session has ended');
    const outcome = ctx.authorizer.direct({
      username: body.username,
      password: body.password,
      institution: body.institution,
      tag: text(body.tag),
      scheduleRefresh: body.scheduleRefresh === true,
      daysOfTransactions: days(body.daysOfTransactions),
      statementMonths: connectStatementMonths(body.detailsAndStatementEnable, body.monthsOfStatements),
    });
    return outcomeBody(outcome, connect.id);
  });

  app.post('/v2/api/mfa', async (request, reply) => {
    const body = asObject(request.body);
    const connect = ctx.connect.get(body.connectId);
    if (!connect) return refuse(reply, 401, 'SESSION_NONEXISTENT', 'This Connect session has ended');
    const requestId = text(body.requestId)?.toLowerCase();
    if (!requestId || !connect.requestIds.has(requestId)) {
      return refuse(reply, 403, 'UNAUTHORIZED', 'This Connect session did not open that RequestId');
    }
    return outcomeBody(ctx.authorizer.answer(requestId, body.responses), connect.id);
  });
}
