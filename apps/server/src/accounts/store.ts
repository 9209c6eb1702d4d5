/**
 * Stores a GetAccountsDetail answer (polled or delivered by webhook) inside the caller's transaction.
 * Accounts are upserted by Flinks account Id, transactions by Flinks transaction Id, so storing the same answer
 * twice, or an answer overlapping an earlier one, adds only what is new. When the bank re-issues a transaction
 * under a new Id, the stored one with the same date, amount and description takes the new Id instead of being
 * duplicated.
 */
import { type AccountsDetailResponse, type FlinksAccount, toMinorUnits } from '@passbook/flinks';
import type { Categorize } from '../categories/apply.ts';
import type { CopyValue, Queryable, Transaction } from '../db/database.ts';
import { timeOrderedId } from '../db/time-ordered-id.ts';
import { loopTurns } from '../jobs/turns.ts';
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

/** The values of an account's row, in the order of UPSERT_ACCOUNTS' arrays. */
type AccountRow = [
  id: string,
  flinksId: string,
  title: string,
  type: string,
  category: string | null,
  currency: string,
  mask: string | null,
  current: number | null,
  available: number | null,
  limit: number | null,
  kind: string,
  transactionCount: number,
];
const ACCOUNT_COLUMNS = 12;

/**
 * Upserts accounts by their Flinks Id and says of each whether this statement created it: an account created
 * here has no stored transaction to merge with. (`xmax` is zero only on a row version this statement inserted;
 * an existing row taken by ON CONFLICT carries the lock of this transaction.) `transaction_count` is how many
 * transactions are loaded with an account this creates.
 */
const UPSERT_ACCOUNTS = `
  INSERT INTO accounts (id, link_id, user_id, flinks_account_id, title, type, category, currency, mask,
    balance_current, balance_available, balance_limit, kind, transaction_count)
  SELECT a.id, $1, $2, a.flinks_id, a.title, a.type, a.category, a.currency, a.mask, a.current, a.available,
    a.balance_limit, a.kind, a.transaction_count
  FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[],
    $11::bigint[], $12::bigint[], $13::text[], $14::int[])
    AS a(id, flinks_id, title, type, category, currency, mask, current, available, balance_limit, kind,
      transaction_count)
  ON CONFLICT (link_id, flinks_account_id) DO UPDATE SET
    title = excluded.title, type = excluded.type, category = excluded.category, currency = excluded.currency,
    kind = excluded.kind,
    mask = excluded.mask, balance_current = excluded.balance_current,
    balance_available = excluded.balance_available, balance_limit = excluded.balance_limit, updated_at = now()
  RETURNING id, flinks_account_id, xmax = 0 AS created`;

function accountRow(account: FlinksAccount, currency: string, firstTransactions: number): AccountRow {
  return [
    timeOrderedId(),
    account.Id.toLowerCase(),
    account.Title?.trim() || account.Type?.trim() || 'Account',
    account.Type?.trim() || 'Other',
    account.Category ?? null,
    currency,
    maskOf(account),
    minor(account.Balance?.Current, currency, 'Balance.Current'),
    minor(account.Balance?.Available, currency, 'Balance.Available'),
    minor(account.Balance?.Limit, currency, 'Balance.Limit'),
    accountKind(account),
    firstTransactions,
  ];
}

/**
 * Upserts the answer's accounts in one statement, or one at a time when the answer lists an account twice (one
 * statement cannot insert a row and update it too: the second listing updates what the first created). Returns
 * each listing's account, in the answer's order.
 */
async function upsertAccounts(
  tx: Queryable,
  link: { id: string; userId: string },
  rows: readonly AccountRow[],
): Promise<{ id: string; created: boolean }[]> {
  const upsert = async (batch: readonly AccountRow[]) => {
    const { rows: stored } = await tx.query<{ id: string; flinks_account_id: string; created: boolean }>(
      UPSERT_ACCOUNTS,
      // One array per column.
      [
        link.id,
        link.userId,
        ...Array.from({ length: ACCOUNT_COLUMNS }, (_, column) => batch.map((row) => row[column])),
      ],
    );
    const byFlinksId = new Map(stored.map((row) => [row.flinks_account_id, row]));
    return batch.map(([, flinksId]) => {
      const row = byFlinksId.get(flinksId);
      if (!row) throw new Error('account upsert returned no row');
      return { id: row.id, created: row.created };
    });
  };
  if (rows.length === 0) return [];
  if (new Set(rows.map(([, flinksId]) => flinksId)).size === rows.length) return upsert(rows);
  const stored = [];
  for (const row of rows) stored.push(...(await upsert([row])));
  return stored;
}

/** A transaction of the answer as it is staged: its account's place in the answer, then its own. */
type StagedTransaction = [
  account: number,
  ord: number,
  id: string,
  fid: string,
  date: string,
  description: string,
  debit: number | null,
  credit: number | null,
  amount: number,
  balance: number | null,
];

const STAGED_COLUMNS = [
  'account',
  'ord',
  'id',
  'fid',
  'date',
  'description',
  'debit',
  'credit',
  'amount',
  'balance',
] as const;

/**
 * One entry per Flinks Id (the first wins), ordered oldest first: their order (`ord`) gives each its `seq`.
 * Read before anything is written, so that an unreadable amount stores nothing.
 */
function stagedTransactions(account: FlinksAccount, place: number, currency: string): StagedTransaction[] {
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
  return unique.map(({ transaction }, index) => {
    const debit = minor(transaction.Debit, currency, 'Transaction.Debit');
    const credit = minor(transaction.Credit, currency, 'Transaction.Credit');
    return [
      place,
      index + 1,
      // Made here rather than by gen_random_uuid(), which costs PGlite's WebAssembly far more per row.
      timeOrderedId(),
      transaction.Id,
      transaction.Date,
      transaction.Description?.trim() ?? '',
      debit,
      credit,
      (credit ?? 0) - (debit ?? 0),
      minor(transaction.Balance, currency, 'Transaction.Balance'),
    ];
  });
}

/**
 * Merges one account's staged transactions into `transactions` in one statement, and returns how many were
 * not stored before. Its parts read the same snapshot and touch disjoint rows:
 * - known Ids take the bank's latest word (a pending amount may have settled differently);
 * - unknown Ids that match, one to one, a stored transaction whose Id the bank no longer lists (same date,
 *   amount and description, newest with newest) give that transaction the new Id;
 * - the remaining unknown Ids are inserted after the account's last `seq`, and counted on the account.
 */
const MERGE_ACCOUNT = `
  WITH incoming AS (SELECT * FROM incoming_transactions WHERE account = $2),
  known AS (
    UPDATE transactions t SET date = i.date, description = i.description, debit = i.debit, credit = i.credit,
      amount = i.amount, balance = i.balance
    FROM incoming i
    WHERE t.account_id = $1 AND t.flinks_transaction_id = i.fid
      AND (t.date, t.description, t.debit, t.credit, t.amount, t.balance)
        IS DISTINCT FROM (i.date, i.description, i.debit, i.credit, i.amount, i.balance)
  ),
  unmatched AS (
    SELECT i.*, row_number() OVER (PARTITION BY i.date, i.amount, i.description ORDER BY i.ord DESC) AS rn
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
  ),
  renamed AS (
    SELECT o.id, u.fid FROM unmatched u JOIN orphans o
      ON o.date = u.date AND o.amount = u.amount AND o.description = u.description AND o.rn = u.rn
  ),
  renaming AS (
    UPDATE transactions t SET flinks_transaction_id = r.fid FROM renamed r WHERE t.id = r.id
  ),
  inserted AS (
    INSERT INTO transactions (id, account_id, flinks_transaction_id, date, description, debit, credit, amount,
      balance, seq)
    SELECT u.id, $1, u.fid, u.date, u.description, u.debit, u.credit, u.amount, u.balance,
      (SELECT coalesce(max(seq), 0) FROM transactions WHERE account_id = $1) + u.ord
    FROM unmatched u
    WHERE NOT EXISTS (SELECT 1 FROM renamed r WHERE r.fid = u.fid)
    ORDER BY u.ord
    ON CONFLICT (account_id, flinks_transaction_id) DO NOTHING
    RETURNING 1
  ),
  counted AS (SELECT count(*)::int AS n FROM inserted)
  UPDATE accounts SET transaction_count = transaction_count + counted.n
  FROM counted WHERE accounts.id = $1
  RETURNING counted.n AS inserted`;

/** The calendar day (UTC) of an instant, as `YYYY-MM-DD`: the day a balance snapshot is kept under. */
export function snapshotDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Keeps the stored balances of these accounts as their balance of the day: one row per account and day, the
 * last retrieval of the day overwriting the earlier ones.
 */
const SNAPSHOT_BALANCES = `
  INSERT INTO balance_snapshots (account_id, day, balance)
  SELECT id, $2::date, balance_current FROM accounts
  WHERE link_id = $1 AND id = ANY($3::uuid[]) AND balance_current IS NOT NULL
  ON CONFLICT (account_id, day) DO UPDATE SET balance = excluded.balance`;

/** The columns of `transactions` that an account's first transactions are loaded into, as COPY takes them. */
export const INSERTED_COLUMNS = [
  'id',
  'account_id',
  'flinks_transaction_id',
  'date',
  'description',
  'debit',
  'credit',
  'amount',
  'balance',
  'seq',
] as const;

/** The same and what categorising gives each: a link job's store loads its new accounts' rows categorised. */
export const CATEGORIZED_COLUMNS = [
  ...INSERTED_COLUMNS,
  'merchant',
  'search_text',
  'category',
  'category_source',
] as const;

/**
 * Stores every account of the answer and returns the number of transactions that are new. An account this
 * answer creates (a first retrieval) has nothing to merge with: its transactions are loaded with one COPY
 * straight into `transactions`, every such account's in the same COPY, each `seq` its place oldest first, and
 * the account is created with their count. The others' are staged with one COPY into a temporary table, then
 * merged account by account. The accounts' balances are kept as the balances of the day `at` falls on.
 * With `categorize` (a link job's store), the created accounts' transactions are loaded with their merchant
 * and category already, so that categorising never writes them again; the others' are left to
 * `categorizeNewTransactions`, as without it.
 */
export async function storeAccountsDetail(
  tx: Transaction,
  link: { id: string; userId: string },
  answer: AccountsDetailResponse,
  at: Date = new Date(),
  categorize?: Categorize,
): Promise<number> {
  // Reading a year of transactions, and below making their rows, each take a turn of the event loop.
  await loopTurns.take('finish');
  const accounts = answer.Accounts.map((account, place) => {
    const currency = currencyOf(account);
    return { account, place, currency, staged: stagedTransactions(account, place, currency) };
  });
  const upserted = await upsertAccounts(
    tx,
    link,
    accounts.map(({ account, currency, staged }) => accountRow(account, currency, staged.length)),
  );
  const stored = upserted.map((account, place) => ({
    ...account,
    flinksId: accounts[place]?.account.Id.toLowerCase() ?? '',
    staged: accounts[place]?.staged ?? [],
  }));
  // An account listed without transactions (null) keeps the ones stored.
  const listing = stored.filter((_, place) => accounts[place]?.account.Transactions);
  const created = listing.filter((account) => account.created);
  const known = listing.filter((account) => !account.created);

  let newTransactions = 0;
  if (created.length > 0) {
    await loopTurns.take('finish');
    const rows: CopyValue[][] = [];
    for (const { id: accountId, flinksId, staged } of created) {
      for (const [, ord, id, fid, date, description, debit, credit, amount, balance] of staged) {
        const row: CopyValue[] = [id, accountId, fid, date, description, debit, credit, amount, balance, ord];
        if (categorize) {
          const decided = categorize({ accountFid: flinksId, fid, description, amount });
          row.push(decided.merchant, decided.searchText, decided.category, decided.source);
        }
        rows.push(row);
      }
    }
    newTransactions += await tx.copyRows(
      'transactions',
      categorize ? CATEGORIZED_COLUMNS : INSERTED_COLUMNS,
      rows,
    );
  }
  if (known.length > 0) {
    await tx.query(
      `CREATE TEMP TABLE incoming_transactions (account int, ord int, id uuid, fid text, date date, description text,
         debit bigint, credit bigint, amount bigint, balance bigint) ON COMMIT DROP`,
    );
    await tx.copyRows(
      'incoming_transactions',
      STAGED_COLUMNS,
      known.flatMap(({ staged }) => staged),
    );
    for (const { id, staged } of known) {
      const place = staged[0]?.[0];
      if (place === undefined) continue;
      const { rows } = await tx.query<{ inserted: number }>(MERGE_ACCOUNT, [id, place]);
      newTransactions += rows[0]?.inserted ?? 0;
    }
    // Dropped now rather than at commit, so that the same transaction can store another answer.
    await tx.query('DROP TABLE incoming_transactions');
  }
  if (stored.length > 0) {
    await tx.query(SNAPSHOT_BALANCES, [link.id, snapshotDay(at), stored.map((account) => account.id)]);
  }
  return newTransactions;
}
