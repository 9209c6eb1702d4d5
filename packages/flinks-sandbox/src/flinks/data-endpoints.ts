/** `GetAccountsSummary`, `GetAccountsDetail` and their `…Async/{requestId}` pollers (FLINKS.md §4). */
import type { SandboxContext } from '../context.ts';
import { type Day, dayAt, parseDay } from '../generator/calendar.ts';
import type { DataKind } from './bodies.ts';
import { FlinksFailure, failures } from './errors.ts';
import { type FlinksAnswer, type FlinksCall, type FlinksEndpoint, field, requireApiKey } from './http.ts';
import type { DaysOfTransactions, DetailOptions, Login, Session } from './store.ts';

const NAMES: Record<DataKind, string> = { detail: 'GetAccountsDetail', summary: 'GetAccountsSummary' };

function flag(body: Readonly<Record<string, unknown>>, name: string, fallback: boolean): boolean {
  const value = field(body, name);
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw failures.invalidRequest(`${name} must be a boolean`);
}

/** `yyyy-MM-dd`, as Flinks takes DateFrom and DateTo; anything else is INVALID_REQUEST naming the field. */
function dateField(body: Readonly<Record<string, unknown>>, name: string): Day | null {
  const value = field(body, name);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw failures.invalidRequest(`${name} must be a date in the format yyyy-MM-dd`);
  }
  return parseDay(value);
}

function detailOptions(
  body: Readonly<Record<string, unknown>>,
  session: Session & { login: Login },
): DetailOptions {
  const login = session.login;
  const dateFrom = dateField(body, 'DateFrom');
  const dateTo = dateField(body, 'DateTo');
  if (dateFrom !== null && dateTo !== null && dateFrom > dateTo) {
    throw failures.invalidRequest('DateFrom must not be after DateTo');
  }
  // RefreshDelta: what came since the refresh before this session's data.
  const previousRefresh = login.refreshTimes[session.epoch - 2];
  const since =
    flag(body, 'RefreshDelta', false) && previousRefresh !== undefined ? dayAt(previousRefresh) : null;
  const days = field(body, 'DaysOfTransactions');
  let window: DaysOfTransactions;
  if (days === undefined || days === null) window = login.daysOfTransactions ?? 'Days90';
  else if (typeof days === 'string' && /^days(90|365)$/i.test(days))
    window = days.toLowerCase() === 'days365' ? 'Days365' : 'Days90';
  else throw failures.invalidRequest('DaysOfTransactions must be Days90 or Days365');
  const filter = field(body, 'AccountsFilter');
  if (
    filter !== undefined &&
    filter !== null &&
    !(Array.isArray(filter) && filter.every((id) => typeof id === 'string'))
  ) {
    throw failures.invalidRequest('AccountsFilter must be an array of account Ids');
  }
  // WithKYC, WithDetailsAndBankingStatements and NumberOfBankingStatements are accepted and change nothing.
  return {
    withTransactions: flag(body, 'WithTransactions', true),
    withBalance: flag(body, 'WithBalance', true),
    withAccountIdentity: flag(body, 'WithAccountIdentity', true),
    days: window,
    accountsFilter: Array.isArray(filter) && filter.length > 0 ? (filter as string[]) : null,
    dateFrom,
    dateTo,
    since,
  };
}

/** The authorised session of a RequestId, or the Flinks error for it (the data and statement endpoints'). */
export function authorisedSessionOf(
  ctx: SandboxContext,
  call: FlinksCall,
  requestId: unknown,
): Session & { login: Login } {
  requireApiKey(ctx, call);
  if (typeof requestId !== 'string' || requestId.length === 0) {
    throw failures.invalidRequest('RequestId is required');
  }
  const session = ctx.store.session(requestId, ctx.now());
  if (!session) throw failures.noSession(requestId);
  if (session.login) call.loginId = session.login.id;
  if (session.state !== 'authorized' || !session.login) throw failures.notAuthorized(requestId);
  return session as Session & { login: Login };
}

export function dataEndpoints(ctx: SandboxContext): FlinksEndpoint[] {
  const authorisedSession = (call: FlinksCall, requestId: unknown) =>
    authorisedSessionOf(ctx, call, requestId);

  function ready(session: Session & { login: Login }, kind: DataKind, options: DetailOptions): FlinksAnswer {
    return {
      status: 200,
      body: ctx.bodies.dataBody({
        login: session.login,
        epoch: session.epoch,
        kind,
        options,
        requestId: session.requestId,
        tag: session.tag,
        today: dayAt(ctx.now()),
      }),
    };
  }

  function pending(session: Session & { login: Login }, kind: DataKind): FlinksAnswer {
    const dispatched = session.login.user.processing === 'dispatched';
    const asyncName = `${NAMES[kind]}Async`;
    return {
      status: 202,
      body: {
        FlinksCode: dispatched ? 'OPERATION_DISPATCHED' : 'OPERATION_PENDING',
        HttpStatusCode: 202,
        Message: dispatched
          ? 'Your operation was dispatched to the background and is still processing'
          : 'Your operation is still processing',
        RequestId: session.requestId,
        Links: [{ rel: asyncName, href: `/${asyncName}`, example: `/${asyncName}/${session.requestId}` }],
        ...(dispatched
          ? { Accounts: ctx.bodies.partialAccounts(session.login, session.epoch, dayAt(ctx.now())) }
          : {}),
      },
    };
  }

  function request(kind: DataKind) {
    return async (call: FlinksCall): Promise<FlinksAnswer> => {
      const requestId = field(call.body, 'RequestId');
      let session = authorisedSession(call, requestId);
      const options = detailOptions(call.body, session);
      ctx.retrieval.request(session, kind, options, ctx.now());
      // Flinks holds a synchronous call open while the data may still come, then answers 202.
      const deadline = ctx.now() + ctx.settings.holdMs;
      while (!ctx.retrieval.isReady(session, ctx.now()) && ctx.now() < deadline) {
        const untilReady = ctx.retrieval.isComplete(session, ctx.now())
          ? Number.POSITIVE_INFINITY
          : ctx.retrieval.readyAt(session) - ctx.now();
        await ctx.retrieval.pause(Math.max(1, Math.min(deadline - ctx.now(), untilReady)));
        session = authorisedSession(call, requestId);
      }
      return ctx.retrieval.isReady(session, ctx.now())
        ? ready(session, kind, options)
        : pending(session, kind);
    };
  }

  function poll(kind: DataKind) {
    return (call: FlinksCall): FlinksAnswer => {
      const session = authorisedSession(call, call.param);
      const options = session.processing?.[kind];
      if (!session.processing || !options) {
        throw new FlinksFailure(
          'INVALID_REQUEST',
          `No ${NAMES[kind]} request was made with RequestId ${session.requestId}`,
        );
      }
      session.lastActivityAt = ctx.now();
      session.processing.polls += 1;
      return ctx.retrieval.isReady(session, ctx.now())
        ? ready(session, kind, options)
        : pending(session, kind);
    };
  }

  return [
    { name: 'GetAccountsSummary', method: 'POST', handler: request('summary') },
    { name: 'GetAccountsSummaryAsync', method: 'GET', param: 'requestId', handler: poll('summary') },
    { name: 'GetAccountsDetail', method: 'POST', handler: request('detail') },
    { name: 'GetAccountsDetailAsync', method: 'GET', param: 'requestId', handler: poll('detail') },
  ];
}
