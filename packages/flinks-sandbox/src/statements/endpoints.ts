/**
 * `/GetStatements` and `GetStatementsAsync/{requestId}` (FLINKS.md §0): the bank's monthly statements of each
 * account as base64 PDFs. The first call starts their preparation, which takes the emulator's processing time
 * like the data does; until then both answer 202 OPERATION_PENDING.
 */
import type { SandboxContext } from '../context.ts';
import { loginJson } from '../flinks/bodies.ts';
import { authorisedSessionOf } from '../flinks/data-endpoints.ts';
import { failures } from '../flinks/errors.ts';
import { type FlinksAnswer, type FlinksCall, type FlinksEndpoint, field } from '../flinks/http.ts';
import { FLINKS_CAPITAL } from '../flinks/institution.ts';
import type { Login, Session } from '../flinks/store.ts';
import { type Day, dayAt, formatDay } from '../generator/calendar.ts';
import type { Account } from '../generator/generate.ts';
import { Random } from '../generator/random.ts';
import { textPdf } from './pdf.ts';

const MONTHS = { MostRecent: 1, Months3: 3, Months12: 12 } as const;
type NumberOfStatements = keyof typeof MONTHS;

/**
 * What Connect's `detailsAndStatementEnable` and `monthsOfStatements` (default `Months3`) ask it to gather at
 * connection: a number of months, or null when statements were not asked for.
 */
export function connectStatementMonths(enabled: unknown, months: unknown): number | null {
  if (enabled !== true) return null;
  return typeof months === 'string' && months in MONTHS
    ? MONTHS[months as NumberOfStatements]
    : MONTHS.Months3;
}

interface StatementsRequest {
  readonly requestedAt: number;
  readonly months: number;
  readonly accountsFilter: readonly string[] | null;
}

/** The first and last day of each of the `count` months before the one `today` is in, newest first. */
export function statementMonths(today: Day, count: number): Array<{ first: Day; last: Day; label: string }> {
  const months = [];
  let last = today - Number(formatDay(today).slice(8, 10));
  for (let i = 0; i < count; i++) {
    const first = last - Number(formatDay(last).slice(8, 10)) + 1;
    months.push({ first, last, label: formatDay(first).slice(0, 7) });
    last = first - 1;
  }
  return months;
}

const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`;

/** One month of an account as its bank prints it: balances and every transaction of the month. */
function statementPdf(account: Account, month: { first: Day; last: Day; label: string }): Buffer {
  const inMonth = account.transactions.filter((t) => t.day >= month.first && t.day <= month.last);
  const before = account.transactions.filter((t) => t.day < month.first).at(-1);
  const opening = before?.balance ?? account.opening;
  const closing = inMonth.at(-1)?.balance ?? opening;
  return textPdf([
    'Flinks Capital',
    `Statement ${month.label}: ${account.title} ${account.accountNumber}`,
    `${account.holder.name}, ${account.holder.city}`,
    `Period ${formatDay(month.first)} to ${formatDay(month.last)}`,
    `Opening balance ${money(opening, account.currency)}`,
    `Closing balance ${money(closing, account.currency)}`,
    '',
    ...inMonth
      .slice(0, 40)
      .map(
        (t) =>
          `${formatDay(t.day)}  ${t.description}  ${t.debit === null ? '' : `-${money(t.debit, account.currency)}`}${t.credit === null ? '' : `+${money(t.credit, account.currency)}`}`,
      ),
  ]);
}

export function statementEndpoints(ctx: SandboxContext): FlinksEndpoint[] {
  const requests = new WeakMap<Session, StatementsRequest>();

  function answer(session: Session & { login: Login }, request: StatementsRequest): FlinksAnswer {
    if (ctx.now() < request.requestedAt + ctx.settings.processingMs) {
      return {
        status: 202,
        body: {
          FlinksCode: 'OPERATION_PENDING',
          HttpStatusCode: 202,
          Message: 'Your operation is still processing',
          RequestId: session.requestId,
          Links: [
            {
              rel: 'GetStatementsAsync',
              href: '/GetStatementsAsync',
              example: `/GetStatementsAsync/${session.requestId}`,
            },
          ],
        },
      };
    }
    const months = statementMonths(dayAt(ctx.now()), request.months);
    const filter = request.accountsFilter?.map((id) => id.toLowerCase());
    const accounts = ctx.bodies
      .loginData(session.login, session.epoch)
      .accounts.filter((account) => account.kind !== 'investment')
      .filter((account) => !filter || filter.includes(account.id));
    return {
      status: 200,
      body: {
        HttpStatusCode: 200,
        StatementsByAccount: accounts.map((account) => ({
          AccountNumber: account.accountNumber,
          Statements: months.map((month) => ({
            UniqueId: new Random(`${account.id}/statement/${month.label}`).guid(),
            FileType: 'PDF',
            Base64Bytes: statementPdf(account, month).toString('base64'),
          })),
        })),
        Login: loginJson(session.login, session.epoch),
        Institution: FLINKS_CAPITAL.name,
        RequestId: session.requestId,
      },
    };
  }

  function parseRequest(call: FlinksCall, login: Login): StatementsRequest {
    const wanted = field(call.body, 'NumberOfStatements');
    // Without NumberOfStatements, what Connect gathered at connection; without that either, the latest one.
    if (wanted === undefined || wanted === null) {
      return {
        requestedAt: ctx.now(),
        months: login.statementMonths ?? MONTHS.MostRecent,
        accountsFilter: filterOf(call),
      };
    }
    if (typeof wanted !== 'string' || !(wanted in MONTHS)) {
      throw failures.invalidRequest('NumberOfStatements must be MostRecent, Months3 or Months12');
    }
    return {
      requestedAt: ctx.now(),
      months: MONTHS[wanted as NumberOfStatements],
      accountsFilter: filterOf(call),
    };
  }

  function filterOf(call: FlinksCall): readonly string[] | null {
    const filter = field(call.body, 'AccountsFilter');
    if (
      filter !== undefined &&
      filter !== null &&
      !(Array.isArray(filter) && filter.every((id) => typeof id === 'string'))
    ) {
      throw failures.invalidRequest('AccountsFilter must be an array of account Ids');
    }
    return Array.isArray(filter) && filter.length > 0 ? (filter as string[]) : null;
  }

  const poll = (call: FlinksCall): FlinksAnswer => {
    const session = authorisedSessionOf(ctx, call, call.param);
    const request = requests.get(session);
    if (!request) {
      throw failures.invalidRequest(`No GetStatements request was made with RequestId ${session.requestId}`);
    }
    session.lastActivityAt = ctx.now();
    return answer(session, request);
  };

  return [
    {
      name: 'GetStatements',
      method: 'POST',
      handler: (call) => {
        const session = authorisedSessionOf(ctx, call, field(call.body, 'RequestId'));
        session.lastActivityAt = ctx.now();
        // A repeated call keeps the preparation already under way, with the options it now asks for.
        const started = requests.get(session)?.requestedAt;
        const request = {
          ...parseRequest(call, session.login),
          ...(started === undefined ? {} : { requestedAt: started }),
        };
        requests.set(session, request);
        return answer(session, request);
      },
    },
    // GET like the other Async paths; one real client POSTs there, so both are answered.
    { name: 'GetStatementsAsync', method: 'GET', param: 'requestId', handler: poll },
    { name: 'GetStatementsAsync', method: 'POST', param: 'requestId', handler: poll },
  ];
}
