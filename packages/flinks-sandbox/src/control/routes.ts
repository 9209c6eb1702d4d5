/**
 * The control surface under `/__sandbox/…`, for tests: faults, settings, sessions, logins, the call log and
 * webhook re-deliveries. JSON in and out; errors as `{error: {code, message}}`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { findTestUser, type SecurityQuestion, TEST_USERS } from '../flinks/institution.ts';
import { breakCredentials } from '../flinks/nightly-refresh.ts';
import type { RuntimeSettings } from '../settings.ts';
import { type RedeliveryOptions, WebhookError } from '../webhooks/deliveries.ts';
import type { CallFilter } from './calls.ts';
import { FaultError, parseFault } from './faults.ts';

function problem(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

const questionInfo = (question: SecurityQuestion) => ({
  type: question.type,
  prompt: question.prompt,
  answer: question.answer,
  ...(question.choices ? { choices: question.choices } : {}),
});

const asObject = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

/** The settings as the control surface shows them: the webhook's shared secret never leaves the emulator. */
const shown = (settings: RuntimeSettings) => ({
  ...settings,
  webhook: settings.webhook === null ? null : { ...settings.webhook, secret: '[redacted]' },
});

export function controlRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.register(
    async (scope) => {
      // Readiness probe for process supervisors and test runners.
      scope.get('/health', async () => ({ status: 'ok' }));

      scope.get('/settings', async () => shown(ctx.settings));

      scope.patch('/settings', async (request, reply) => {
        try {
          ctx.configure(asObject(request.body) as Partial<RuntimeSettings>);
        } catch (error) {
          return problem(reply, 400, 'BAD_SETTINGS', (error as Error).message);
        }
        return shown(ctx.settings);
      });

      scope.get('/faults', async () => ctx.faults.list());

      scope.post('/faults', async (request, reply) => {
        try {
          const fault = parseFault(request.body);
          ctx.faults.add(fault);
          return reply.code(201).send(fault);
        } catch (error) {
          if (error instanceof FaultError) return problem(reply, 400, 'BAD_FAULT', error.message);
          throw error;
        }
      });

      scope.delete('/faults', async (_request, reply) => {
        ctx.faults.clear();
        return reply.code(204).send();
      });

      scope.post('/sessions/expire', async (request, reply) => {
        const { requestId, loginId } = asObject(request.body);
        if (typeof requestId !== 'string' && typeof loginId !== 'string') {
          return problem(reply, 400, 'BAD_TARGET', 'give a requestId, a loginId, or both');
        }
        const expired = ctx.store.expire({
          ...(typeof requestId === 'string' ? { requestId } : {}),
          ...(typeof loginId === 'string' ? { loginId } : {}),
        });
        return { expired };
      });

      // The questions a session was asked, with their answers: Greatday draws one of three per Authorize.
      scope.get<{ Params: { requestId: string } }>('/sessions/:requestId', async (request, reply) => {
        const session = ctx.store.session(request.params.requestId, ctx.now());
        if (!session) return problem(reply, 404, 'UNKNOWN_SESSION', 'no live session with that RequestId');
        return {
          requestId: session.requestId,
          state: session.state,
          live: session.live,
          challenges: session.challenges.map(questionInfo),
        };
      });

      scope.get('/users', async () =>
        TEST_USERS.map((user) => ({
          username: user.username,
          password: user.password,
          description: user.description,
          questions: user.behaviour.kind === 'mfa' ? user.behaviour.questions.map(questionInfo) : [],
          asks: user.behaviour.kind === 'mfa' ? user.behaviour.asks : 'none',
        })),
      );

      scope.post('/logins', async (request, reply) => {
        const { username, scheduleRefresh, tag } = asObject(request.body);
        const user = typeof username === 'string' ? findTestUser(username) : undefined;
        if (!user || typeof username !== 'string') {
          return problem(reply, 400, 'UNKNOWN_USER', `no test user ${JSON.stringify(username)}`);
        }
        const login = ctx.store.createLogin(user, username.trim(), ctx.now(), {
          user,
          username: username.trim(),
          tag: typeof tag === 'string' ? tag : null,
          scheduleRefresh: scheduleRefresh === true,
          daysOfTransactions: null,
          statementMonths: null,
        });
        return reply.code(201).send({ loginId: login.id });
      });

      scope.post<{ Params: { loginId: string } }>(
        '/logins/:loginId/break-credentials',
        async (request, reply) => {
          const login = ctx.store.login(request.params.loginId);
          if (!login) return problem(reply, 404, 'NOT_FOUND', 'no such login');
          breakCredentials(login);
          return reply.code(204).send();
        },
      );

      // A password change at the bank affects every connection made with it.
      scope.post<{ Params: { username: string } }>('/users/:username/break-credentials', async (request) => {
        const wanted = request.params.username.trim().toLowerCase();
        const logins = [...ctx.store.allLogins()].filter(
          (login) => login.username.trim().toLowerCase() === wanted,
        );
        for (const login of logins) breakCredentials(login);
        return { broken: logins.length };
      });

      scope.get<{ Querystring: CallFilter }>('/calls', async (request) => ctx.calls.list(request.query));

      scope.delete('/calls', async (_request, reply) => {
        ctx.calls.clear();
        return reply.code(204).send();
      });

      scope.post('/webhooks/deliver', async (request, reply) => {
        const body = asObject(request.body);
        if (typeof body.requestId !== 'string')
          return problem(reply, 400, 'BAD_REQUEST', 'requestId is required');
        const times = body.times ?? 1;
        const delayMs = body.delayMs ?? 0;
        if (!Number.isInteger(times) || (times as number) < 1) {
          return problem(reply, 400, 'BAD_REQUEST', 'times must be a positive integer');
        }
        if (typeof delayMs !== 'number' || delayMs < 0) {
          return problem(reply, 400, 'BAD_REQUEST', 'delayMs must be a non-negative number');
        }
        const options: RedeliveryOptions = {
          times: times as number,
          delayMs,
          badSignature: body.badSignature === true,
          unsigned: body.unsigned === true,
        };
        try {
          ctx.webhooks.redeliver(body.requestId, options);
        } catch (error) {
          if (error instanceof WebhookError) {
            return problem(
              reply,
              error.statusCode,
              error.statusCode === 404 ? 'NOT_FOUND' : 'NO_WEBHOOK',
              error.message,
            );
          }
          throw error;
        }
        return reply.code(202).send({ scheduled: options.times });
      });

      scope.get<{ Querystring: { requestId?: string } }>('/webhooks/deliveries', async (request) =>
        ctx.webhooks.deliveries(request.query.requestId ? { requestId: request.query.requestId } : {}),
      );

      scope.post('/reset', async (_request, reply) => {
        ctx.reset();
        return reply.code(204).send();
      });
    },
    { prefix: '/__sandbox' },
  );
}
