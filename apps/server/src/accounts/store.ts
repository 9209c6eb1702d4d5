/**
 * Stores a GetAccountsDetail answer (polled or delivered by webhook) inside the caller's transaction.
 * Accounts are upserted by Flinks account Id, transactions by Flinks transaction Id, so storing the same answer
 * twice, or an answer overlapping an earlier one, adds only what is new. When the bank re-issues a transaction
 * under a new Id, the stored one with the same date, amount and description takes the new Id instead of being
 * duplicated.
 */
import { type AccountsDetailResponse, type FlinksAccount, toMinorUnits } from '@passbook/flinks';
import type { Queryable } from '../db/database.ts';
import { accountKind } from './kind.ts';

/** The answer holds values we cannot store faithfully (an amount that is not a number, a bad currency). */
export class UnreadableDataError extends Error {
  constructor(readonly reason: string) {
    super(`Flinks data could not be stored: ${reason}`);
    this.name = 'UnreadableDataError';
  }
}

/** Flinks is a Canadian aggregator: an account without a currency is in Canadian dollars. */
const DEFAULT_CURRENCY = 'CAD';

function minor(value: number | string | null | undefined, currency: string, field: string): number | null {
  if (value === null || value === undefined) return null;
  try {
    return toMinorUnits(value, currency);
  } catch {
    throw new UnreadableDataError(`${field} is not an amount`);
  }
}

function currencyOf(account: FlinksAccount): string {
  const currency = (account.Currency ?? DEFAULT_CURRENCY).trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new UnreadableDataError('an account has an invalid currency');
  try {
    minor(0, currency, 'currency');
  } catch {
    throw new UnreadableDataError('an account has an unknown currency');
  }
  return currency;
}

function maskOf(account: FlinksAccount): string | null {
  const lastFour = account.LastFourDigits?.trim();
  if (lastFour) return lastFour.slice(-4);
  const number = account.AccountNumber?.trim();
  return number ? number.slice(-4) : null;
}

async function upsertAccount(
  tx: Queryable,
  link: { id: string; userId: string },
  account: FlinksAccount,
  currency: string,
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO accounts (id, link_id, user_id, flinks_account_id, title, type, category, currency, mask,
       holder_name, balance_current, balance_available, balance_limit, kind)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (link_id, flinks_account_id) DO UPDATE SET
       title = excluded.title, type = excluded.type, category = excluded.category, currency = excluded.currency,
       kind = excluded.kind,
       mask = excluded.mask, holder_name = excluded.holder_name, balance_current = excluded.balance_current,
       balance_available = excluded.balance_available, balance_limit = excluded.balance_limit, updated_at = now()
     RETURNING id`,
    [
      crypto.randomUUID(),
      link.id,
      link.userId,
      account.Id.toLowerCase(),
      account.Title?.trim() || account.Type?.trim() || 'Account',
      account.Type?.trim() || 'Other',
      account.Category ?? null,
      currency,
      maskOf(account),
      account.Holder?.Name ?? null,
      minor(account.Balance?.Current, currency, 'Balance.Current'),
      minor(account.Balance?.Available, currency, 'Balance.Available'),
      minor(account.Balance?.Limit, currency, 'Balance.Limit'),
      accountKind(account),
    ],
  );
  const stored = rows[0];
  if (!stored) throw new Error('account upsert returned no row');
  return stored.id;
}

interface IncomingTransactions {
  ids: string[];
  dates: string[];
  descriptions: string[];
  debits: (number | null)[];
  credits: (number | null)[];
  amounts: number[];
  balances: (number | null)[];
}

/** One entry per Flinks Id (the first wins), ordered oldest first: their order gives each its `seq`. */
function incomingTransactions(account: FlinksAccount, currency: string): IncomingTransactions {
  const seen = new Set<string>();
  const unique = (account.Transactions ?? []).flatMap((transaction, index) => {
    if (seen.has(transaction.Id)) return [];
    seen.add(transaction.Id);
    return [{ transaction, index }];
  });
  // Flinks lists newest first; within a day, a later position is an earlier transaction.
  unique.sort((a, b) =>
    a.transaction.Date === b.transaction.Date
      ? b.index - a.index
      : a.transaction.Date < b.transaction.Date
        ? -1
        : 1,
  );
  const incoming: IncomingTransactions = {
    ids: [],
    dates: [],
    descriptions: [],
    debits: [],
    credits: [],
    amounts: [],
    balances: [],
  };
  for (const { transaction } of unique) {
    const debit = minor(transaction.Debit, currency, 'Transaction.Debit');
    const credit = minor(transaction.Credit, currency, 'Transaction.Credit');
    incoming.ids.push(transaction.Id);
    incoming.dates.push(transaction.Date);
    incoming.descriptions.push(transaction.Description?.trim() ?? '');
    incoming.debits.push(debit);
    incoming.credits.push(credit);
    incoming.amounts.push((credit ?? 0) - (debit ?? 0));
    incoming.balances.push(minor(transaction.Balance, currency, 'Transaction.Balance'));
  }
  return incoming;
}

const INCOMING = `unnest($2::text[], $3::date[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])
  WITH ORDINALITY AS i(fid, date, description, debit, credit, amount, balance, ord)`;

/** Returns how many of the answer's transactions were not stored before. */
async function storeTransactions(
  tx: Queryable,
  accountId: string,
  incoming: IncomingTransactions,
): Promise<number> {
  const params = [
    accountId,
    incoming.ids,
    incoming.dates,
    incoming.descriptions,
    incoming.debits,
    incoming.credits,
    incoming.amounts,
    incoming.balances,
  ];
  // Known Ids: take the bank's latest word (a pending amount may have settled differently).
  await tx.query(
    `UPDATE transactions t SET date = i.date, description = i.description, debit = i.debit, credit = i.credit,
       amount = i.amount, balance = i.balance
     FROM ${INCOMING}
     WHERE t.account_id = $1 AND t.flinks_transaction_id = i.fid
       AND (t.date, t.description, t.debit, t.credit, t.amount, t.balance)
         IS DISTINCT FROM (i.date, i.description, i.debit, i.credit, i.amount, i.balance)`,
    params,
  );
  // Unknown Ids that match, one to one, a stored transaction whose Id the bank no longer lists.
  await tx.query(
    `WITH incoming AS (SELECT * FROM ${INCOMING}),
     unmatched AS (
       SELECT i.fid, i.date, i.description, i.amount,
         row_number() OVER (PARTITION BY i.date, i.amount, i.description ORDER BY i.ord DESC) AS rn
       FROM incoming i
       WHERE NOT EXISTS (
         SELECT 1 FROM transactions t WHERE t.account_id = $1 AND t.flinks_transaction_id = i.fid)
     ),
     orphans AS (
       SELECT t.id, t.date, t.description, t.amount,
         row_number() OVER (PARTITION BY t.date, t.amount, t.description ORDER BY t.seq DESC) AS rn
       FROM transactions t
       WHERE t.account_id = $1 AND t.date IN (SELECT date FROM unmatched)
         AND NOT EXISTS (SELECT 1 FROM incoming i WHERE i.fid = t.flinks_transaction_id)
     )
     UPDATE transactions t SET flinks_transaction_id = u.fid
     FROM unmatched u JOIN orphans o
       ON o.date = u.date AND o.amount = u.amount AND o.description = u.description AND o.rn = u.rn
     WHERE t.id = o.id`,
    params,
  );
  const inserted = await tx.query(
    `INSERT INTO transactions (id, account_id, flinks_transaction_id, date, description, debit, credit, amount,
       balance, seq)
     SELECT gen_random_uuid(), $1, i.fid, i.date, i.description, i.debit, i.credit, i.amount, i.balance,
       (SELECT coalesce(max(seq), 0) FROM transactions WHERE account_id = $1) + i.ord
     FROM ${INCOMING}
     ORDER BY i.ord
     ON CONFLICT (account_id, flinks_transaction_id) DO NOTHING`,
    params,
  );
  await tx.query(
    'UPDATE accounts SET transaction_count = (SELECT count(*) FROM transactions WHERE account_id = $1) WHERE id = $1',
    [accountId],
  );
  return inserted.rowCount;
}

/** Stores every account of the answer and returns the number of transactions that are new. */
export async function storeAccountsDetail(
  tx: Queryable,
  link: { id: string; userId: string },
  answer: AccountsDetailResponse,
): Promise<number> {
  let newTransactions = 0;
  for (const account of answer.Accounts) {
    const currency = currencyOf(account);
    const incoming = incomingTransactions(account, currency);
    const accountId = await upsertAccount(tx, link, account, currency);
    // An account listed without transactions (null) keeps the ones stored.
    if (account.Transactions) newTransactions += await storeTransactions(tx, accountId, incoming);
  }
  return newTransactions;
}
