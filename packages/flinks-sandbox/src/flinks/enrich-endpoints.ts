/**
 * Enrich's Broad Categorization: `GET /v3/{customerId}/categorization/login/{loginId}/requestid/{requestId}`
 * (GetCategorization: the transactions of that request's GetAccountsDetail, each with a Category and
 * SubCategory) and `GET /v3/{customerId}/BankingServices/Categories/{CountryCode}` (the taxonomy). Flinks' pages
 * give both the secret key as `Authorization: Bearer`; the categorisation page also names `flinks-auth-key`,
 * which is accepted too.
 */
import type { SandboxContext } from '../context.ts';
import { dayAt } from '../generator/calendar.ts';
import { FlinksFailure, failures } from './errors.ts';
import { type FlinksAnswer, type FlinksCall, type FlinksEndpoint, header } from './http.ts';
import type { DetailOptions } from './store.ts';
import { COUNTRY_CODES, taxonomy } from './taxonomy.ts';

function requireEnrichKey(ctx: SandboxContext, call: FlinksCall): void {
  const expected = ctx.options.secretKey.toLowerCase();
  const bearer = /^Bearer\s+(.+)$/i
    .exec(header(call, 'authorization') ?? '')?.[1]
    ?.trim()
    .toLowerCase();
  const authKey = header(call, 'flinks-auth-key')?.trim().toLowerCase();
  if (bearer !== expected && authKey !== expected) throw failures.badBearer();
}

export function enrichEndpoints(ctx: SandboxContext): FlinksEndpoint[] {
  /** Which GetAccountsDetail of the login the RequestId names: its data, or the answer saying why not. */
  function detailOf(
    loginId: string,
    requestId: string,
  ): { epoch: number; options: DetailOptions } | FlinksAnswer {
    const now = ctx.now();
    const session = ctx.store.session(requestId, now);
    const ours = session?.login?.id === loginId ? session : undefined;
    const options = ours?.processing?.detail;
    if (ours && options) {
      if (ctx.retrieval.isComplete(ours, now)) return { epoch: ours.epoch, options };
      return {
        status: 202,
        body: {
          HttpStatusCode: 202,
          FlinksCode: 'OPERATION_PENDING',
          Message: 'The data of this request is still being processed',
          RequestId: ours.requestId,
        },
      };
    }
    const completed = ctx.completed.get(requestId.toLowerCase());
    if (completed && completed.loginId === loginId) {
      return { epoch: completed.epoch, options: completed.options };
    }
    if (ours) throw failures.badRequest(`No GetAccountsDetail request was made with RequestId ${requestId}`);
    throw failures.noSession(requestId);
  }

  return [
    {
      name: 'GetCategorization',
      method: 'GET',
      path: 'categorization/login/:loginId/requestid/:requestId',
      handler: (call) => {
        requireEnrichKey(ctx, call);
        const loginParam = call.params.loginId ?? '';
        const requestId = call.params.requestId ?? '';
        const login = ctx.store.login(loginParam);
        if (!login) throw failures.invalidLoginRequest(loginParam);
        call.loginId = login.id;
        const found = detailOf(login.id, requestId);
        if ('status' in found) return found;
        const transactions = ctx.bodies.categorizedJson(login, found.epoch, found.options, dayAt(ctx.now()));
        const head = JSON.stringify({ HttpStatusCode: 200, LoginId: login.id, RequestId: requestId });
        return { status: 200, body: `${head.slice(0, -1)},"Transactions":${transactions}}` };
      },
    },
    {
      name: 'Categories',
      method: 'GET',
      param: 'countryCode',
      handler: (call) => {
        requireEnrichKey(ctx, call);
        const country = (call.param ?? '').toUpperCase();
        if (!(COUNTRY_CODES as readonly string[]).includes(country)) {
          throw new FlinksFailure('INVALID_REQUEST', 'CountryCode must be CA or US', 400);
        }
        return { status: 200, body: taxonomy() };
      },
    },
  ];
}
