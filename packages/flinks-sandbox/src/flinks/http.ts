/**
 * The HTTP face of the emulated Flinks API: `/v3/{customerId}/BankingServices/{Endpoint}[/{id}]`. Every call is
 * logged, may suffer an injected fault, and answers JSON in Flinks' shapes. Bodies are read leniently, like
 * Flinks' own model binding: any content type, field names in any letter case.
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { type SandboxFault, TRANSPORT_FAULTS } from '../control/faults.ts';
import { FlinksFailure, failures } from './errors.ts';

export interface FlinksCall {
  readonly endpoint: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** The path segment after the endpoint name (a RequestId, a LoginId or a country code), if any. */
  readonly param: string | undefined;
  /** The named segments of an endpoint with a path of its own. */
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly request: FastifyRequest;
  /** Filled by handlers for the call log. */
  requestId?: string;
  loginId?: string;
}

export interface FlinksAnswer {
  readonly status: number;
  /** An object to serialise, or JSON already serialised. */
  readonly body: unknown;
}

export type FlinksHandler = (call: FlinksCall) => FlinksAnswer | Promise<FlinksAnswer>;

export interface FlinksEndpoint {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** What the path segment after the name carries, when the endpoint takes one. */
  readonly param?: 'requestId' | 'loginId' | 'countryCode';
  /**
   * A path under `/v3/{customerId}/` other than `BankingServices/{name}` (Enrich's categorisation), with
   * `:loginId` and `:requestId` segments.
   */
  readonly path?: string;
  readonly handler: FlinksHandler;
}

const INVALID_BODY = Symbol('invalid body');

/** A body field, whatever the letter case of its name. */
export function field(body: Readonly<Record<string, unknown>>, name: string): unknown {
  if (name in body) return body[name];
  const wanted = name.toLowerCase();
  for (const key of Object.keys(body)) if (key.toLowerCase() === wanted) return body[key];
  return undefined;
}

export function header(call: FlinksCall, name: string): string | undefined {
  const value = call.request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const sameKey = (given: string | undefined, expected: string) =>
  given !== undefined && given.trim().toLowerCase() === expected.toLowerCase();

export function requireSecret(ctx: SandboxContext, call: FlinksCall): void {
  if (!sameKey(header(call, 'flinks-auth-key'), ctx.options.secretKey)) throw failures.badSecret();
}

export function requireApiKey(ctx: SandboxContext, call: FlinksCall): void {
  const given = header(call, 'x-api-key');
  // Older instances answer data calls without the key; none accepts a wrong one.
  if (given === undefined && ctx.options.legacyAuth) return;
  if (!sameKey(given, ctx.options.apiKey)) throw failures.badApiKey();
}

/** The login-management endpoints accept the x-api-key or the secret key (Flinks' pages name both). */
export function requireManagementKey(ctx: SandboxContext, call: FlinksCall): void {
  const bearer = header(call, 'authorization')?.replace(/^Bearer\s+/i, '');
  const ok =
    sameKey(header(call, 'x-api-key'), ctx.options.apiKey) ||
    sameKey(header(call, 'flinks-auth-key'), ctx.options.secretKey) ||
    sameKey(bearer, ctx.options.secretKey);
  if (!ok) throw failures.badApiKey();
}

/** GetNightlyRefreshStatus takes the secret key as `Authorization: Bearer <secret key>` (FlinksCapital, 2025). */
export function requireBearerSecret(ctx: SandboxContext, call: FlinksCall): void {
  const bearer = /^Bearer\s+(.+)$/i.exec(header(call, 'authorization') ?? '')?.[1];
  if (!sameKey(bearer, ctx.options.secretKey)) throw failures.badBearer();
}

export function failureBody(failure: FlinksFailure, extra: Record<string, unknown> = {}) {
  return { HttpStatusCode: failure.status, ...extra, FlinksCode: failure.code, Message: failure.message };
}

function send(reply: FastifyReply, answer: FlinksAnswer): void {
  const json = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  reply.code(answer.status).type('application/json; charset=utf-8').send(json);
}

const WRONG_SHAPE = {
  HttpStatusCode: 'OK',
  Token: 42,
  Accounts: { unexpected: true },
  Login: [],
  RequestId: 12345,
  SecurityChallenges: 'none',
};

export function registerFlinksRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
  endpoints: readonly FlinksEndpoint[],
): void {
  const log = (
    request: FastifyRequest,
    call: FlinksCall | null,
    endpoint: string,
    status: number,
    faulted?: string,
  ) =>
    ctx.calls.record({
      method: request.method,
      endpoint,
      path: request.url.split('?')[0] ?? request.url,
      status,
      ...(call?.requestId ? { requestId: call.requestId.toLowerCase() } : {}),
      ...(call?.loginId ? { loginId: call.loginId.toLowerCase() } : {}),
      ...(faulted ? { faulted } : {}),
    });

  /** Answers an injected fault; returns false when the call should then proceed normally (a slow answer). */
  async function applyFault(
    fault: SandboxFault,
    call: FlinksCall,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<boolean> {
    switch (fault.kind) {
      case 'drop':
        log(request, call, call.endpoint, 0, fault.kind);
        reply.hijack();
        request.raw.socket.destroy();
        return true;
      case 'hang':
        if (fault.hangMs === undefined) {
          log(request, call, call.endpoint, 0, fault.kind);
          reply.hijack();
          return true;
        }
        await ctx.timers.sleep(fault.hangMs);
        return false;
      case 'status': {
        const status = fault.status ?? 503;
        log(request, call, call.endpoint, status, fault.kind);
        reply
          .code(status)
          .type('text/plain; charset=utf-8')
          .send(fault.message ?? STATUS_CODES[status] ?? 'Error');
        return true;
      }
      case 'flinks': {
        const failure = new FlinksFailure(
          fault.flinksCode ?? 'AGGREGATION_ERROR',
          fault.message ?? 'An error occurred while processing the request',
          fault.status,
        );
        log(request, call, call.endpoint, failure.status, fault.kind);
        send(reply, {
          status: failure.status,
          body: failureBody(failure, call.requestId ? { RequestId: call.requestId } : {}),
        });
        return true;
      }
      case 'malformed':
        log(request, call, call.endpoint, 200, fault.kind);
        reply
          .code(200)
          .type('application/json; charset=utf-8')
          .send(
            fault.variant === 'wrong-shape'
              ? JSON.stringify(WRONG_SHAPE)
              : '{"HttpStatusCode":200,"Accounts":[{"Id":"3f1c9a2e-',
          );
        return true;
      case 'mfa':
        // Not a fault of the exchange: the Authorizer applies it (never taken here).
        return false;
    }
  }

  app.register(async (scope) => {
    // Flinks binds any body as JSON whatever its content type; a body that is not JSON is a bad request.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, text, done) => {
      const raw = String(text).trim();
      if (raw === '') return done(null, {});
      try {
        done(null, JSON.parse(raw));
      } catch {
        done(null, INVALID_BODY);
      }
    });

    for (const endpoint of endpoints) {
      scope.route<{ Params: { customerId: string; id?: string; loginId?: string; requestId?: string } }>({
        method: endpoint.method,
        url: endpoint.path
          ? `/v3/:customerId/${endpoint.path}`
          : `/v3/:customerId/BankingServices/${endpoint.name}${endpoint.param ? '/:id' : ''}`,
        handler: async (request, reply) => {
          const raw = request.body;
          const body =
            typeof raw === 'object' && raw !== null && !Array.isArray(raw)
              ? (raw as Record<string, unknown>)
              : {};
          const { id: param, customerId: _customer, ...params } = request.params;
          const call: FlinksCall = { endpoint: endpoint.name, body, param, params, request };
          const requestId =
            params.requestId ?? (endpoint.param === 'requestId' ? param : field(body, 'RequestId'));
          const loginId = params.loginId ?? (endpoint.param === 'loginId' ? param : field(body, 'LoginId'));
          if (typeof requestId === 'string') call.requestId = requestId;
          if (typeof loginId === 'string') call.loginId = loginId;

          const fault = ctx.faults.take(endpoint.name, TRANSPORT_FAULTS, undefined, call.loginId);
          if (fault && (await applyFault(fault, call, request, reply))) return reply;

          let answer: FlinksAnswer;
          try {
            if (request.params.customerId.toLowerCase() !== ctx.options.customerId.toLowerCase()) {
              throw failures.badCustomer(request.params.customerId);
            }
            if (raw === INVALID_BODY) throw failures.invalidRequest('The request body is not valid JSON');
            answer = await endpoint.handler(call);
          } catch (error) {
            if (!(error instanceof FlinksFailure)) throw error;
            answer = { status: error.status, body: failureBody(error) };
          }
          log(request, call, endpoint.name, answer.status, fault?.kind);
          send(reply, answer);
          return reply;
        },
      });
    }

    scope.all('/v3/*', async (request, reply) => {
      log(request, null, 'Unknown', 404);
      send(reply, {
        status: 404,
        body: { HttpStatusCode: 404, Message: 'No HTTP resource was found that matches the request URI' },
      });
      return reply;
    });
  });
}
