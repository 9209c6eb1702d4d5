/** Reads of accounts and transactions, always through the owning user. Dashboard reads never call Flinks. */
import type { Account, AccountKind, CategoryKey, CategorySource, Transaction } from '@passbook/contracts';
import type { Queryable } from '../db/database.ts';

export interface AccountRow {
  id: string;
  link_id: string;
  user_id: string;
  flinks_account_id: string;
  title: string;
  type: string;
  category: string | null;
  kind: AccountKind;
  currency: string;
  mask: string | null;
  balance_current: number | null;
  balance_available: number | null;
  balance_limit: number | null;
  transaction_count: number;
  /** The stored transactions do not add up to the bank's balances (see balance-check.ts). */
  balance_gap: boolean;
  updated_at: Date;
}

export interface TransactionRow {
  id: string;
  date: string;
  description: string;
  debit: number | null;
  credit: number | null;
  amount: number;
  balance: number | null;
  seq: number;
  merchant: string | null;
  category: CategoryKey | null;
  category_source: CategorySource | null;
  transfer_account_id: string | null;
}

export interface TransactionFilter {
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The position of a transaction in the newest-first order: the keyset a page continues after. */
export interface TransactionPosition {
  date: string;
  seq: number;
}

export function presentAccount(row: AccountRow): Account {
  return {
    id: row.id,
    linkId: row.link_id,
    title: row.title,
    type: row.type,
    category: row.category,
    kind: row.kind,
    currency: row.currency,
    mask: row.mask,
    balance: { current: row.balance_current, available: row.balance_available, limit: row.balance_limit },
    transactionCount: row.transaction_count,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentTransaction(row: TransactionRow): Transaction {
  return {
    id: row.id,
    date: row.date,
    description: row.description,
    debit: row.debit,
    credit: row.credit,
    amount: row.amount,
    balance: row.balance,
    merchant: row.merchant,
    category: row.category,
    categorySource: row.category_source,
    transferAccountId: row.transfer_account_id,
  };
}

export async function accountsOfLinks(db: Queryable, linkIds: readonly string[]): Promise<AccountRow[]> {
  if (linkIds.length === 0) return [];
  const { rows } = await db.query<AccountRow>(
    'SELECT * FROM accounts WHERE link_id = ANY($1::uuid[]) ORDER BY created_at, title, id',
    [linkIds],
  );
  return rows;
}

export async function findAccount(
  db: Queryable,
  userId: string,
  accountId: string,
): Promise<AccountRow | null> {
  const { rows } = await db.query<AccountRow>(
    `SELECT a.* FROM accounts a JOIN links l ON l.id = a.link_id
     WHERE a.id = $1 AND a.user_id = $2 AND NOT l.deleting`,
    [accountId, userId],
  );
  return rows[0] ?? null;
}

/** `%` and `_` typed by the user are searched for literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The filter's conditions on the transactions table under the name `table`, their values pushed to `params`. */
function filterConditions(filter: TransactionFilter, params: unknown[], table = 'transactions'): string[] {
  const conditions: string[] = [];
  if (filter.q !== undefined && filter.q.trim() !== '') {
    // Composed form, as the fold's table is; then folded like the descriptions (migration 0050). The raw
    // description and the cleaned merchant name are both searched.
    params.push(escapeLike(filter.q.trim().normalize('NFC')));
    conditions.push(
      `(search_fold(${table}.description) LIKE '%' || search_fold($${params.length}) || '%' ESCAPE '\\'
        OR search_fold(${table}.merchant) LIKE '%' || search_fold($${params.length}) || '%' ESCAPE '\\')`,
    );
  }
  if (filter.from !== undefined) {
    params.push(filter.from);
    conditions.push(`${table}.date >= $${params.length}::date`);
  }
  if (filter.to !== undefined) {
    params.push(filter.to);
    conditions.push(`${table}.date <= $${params.length}::date`);
  }
  return conditions;
}

function filterClause(accountId: string, filter: TransactionFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [accountId];
  const conditions = ['transactions.account_id = $1', ...filterConditions(filter, params)];
  return { where: conditions.join(' AND '), params };
}

const OWN_COLUMNS = [
  ...['id', 'date', 'description', 'debit', 'credit', 'amount', 'balance', 'seq'],
  ...['merchant', 'category', 'category_source'],
];

/** The columns a TransactionRow is read from, of the transactions table under the name `table`. */
export function transactionColumns(table = 'transactions'): string {
  const own = OWN_COLUMNS.map((column) => `${table}.${column}`);
  const peer = `(SELECT p.account_id FROM transactions p WHERE p.id = ${table}.transfer_peer_id) AS transfer_account_id`;
  return [...own, peer].join(', ');
}

const TRANSACTION_COLUMNS = transactionColumns();

/** Newest first; `limit + 1` rows are read to know whether another page follows. */
export async function transactionsPage(
  db: Queryable,
  accountId: string,
  filter: TransactionFilter,
  after: TransactionPosition | null,
  limit: number,
): Promise<{ rows: TransactionRow[]; hasMore: boolean; total: number }> {
  const { where, params } = filterClause(accountId, filter);
  const pageParams = [...params];
  let pageWhere = where;
  if (after !== null) {
    pageParams.push(after.date, after.seq);
    pageWhere += ` AND (date, seq) < ($${pageParams.length - 1}::date, $${pageParams.length}::bigint)`;
  }
  pageParams.push(limit + 1);
  const [page, count] = await Promise.all([
    db.query<TransactionRow>(
      `SELECT ${TRANSACTION_COLUMNS} FROM transactions WHERE ${pageWhere}
       ORDER BY date DESC, seq DESC LIMIT $${pageParams.length}`,
      pageParams,
    ),
    db.query<{ total: number }>(`SELECT count(*) AS total FROM transactions WHERE ${where}`, params),
  ]);
  const hasMore = page.rows.length > limit;
  return { rows: hasMore ? page.rows.slice(0, limit) : page.rows, hasMore, total: count.rows[0]?.total ?? 0 };
}

export async function allTransactions(
  db: Queryable,
  accountId: string,
  filter: TransactionFilter,
): Promise<TransactionRow[]> {
  const { where, params } = filterClause(accountId, filter);
  const { rows } = await db.query<TransactionRow>(
    `SELECT ${TRANSACTION_COLUMNS} FROM transactions WHERE ${where} ORDER BY date DESC, seq DESC`,
    params,
  );
  return rows;
}

/** A position in the newest-first order of several accounts: seq orders one account, the id breaks ties. */
export interface MixedTransactionPosition extends TransactionPosition {
  id: string;
}

export interface UserTransactionRow extends TransactionRow {
  account_id: string;
}

/**
 * One page of every transaction of the user's accounts (of links not being deleted) matching the filter,
 * newest first; `limit + 1` rows are read to know whether another page follows.
 */
export async function userTransactionsPage(
  db: Queryable,
  userId: string,
  filter: TransactionFilter,
  after: MixedTransactionPosition | null,
  limit: number,
): Promise<{ rows: UserTransactionRow[]; hasMore: boolean; total: number }> {
  const params: unknown[] = [userId];
  const conditions = [
    `t.account_id IN (SELECT a.id FROM accounts a JOIN links l ON l.id = a.link_id
       WHERE a.user_id = $1 AND NOT l.deleting)`,
    ...filterConditions(filter, params, 't'),
  ];
  const where = conditions.join(' AND ');
  const pageParams = [...params];
  let pageWhere = where;
  if (after !== null) {
    pageParams.push(after.date, after.seq, after.id);
    const n = pageParams.length;
    pageWhere += ` AND (t.date, t.seq, t.id) < ($${n - 2}::date, $${n - 1}::bigint, $${n}::uuid)`;
  }
  pageParams.push(limit + 1);
  const [page, count] = await Promise.all([
    db.query<UserTransactionRow>(
      `SELECT ${transactionColumns('t')}, t.account_id FROM transactions t WHERE ${pageWhere}
       ORDER BY t.date DESC, t.seq DESC, t.id DESC LIMIT $${pageParams.length}`,
      pageParams,
    ),
    db.query<{ total: number }>(`SELECT count(*) AS total FROM transactions t WHERE ${where}`, params),
  ]);
  const hasMore = page.rows.length > limit;
  return { rows: hasMore ? page.rows.slice(0, limit) : page.rows, hasMore, total: count.rows[0]?.total ?? 0 };
}

export interface DailyTotals {
  date: string;
  /** Sum of the day's signed amounts. */
  net: number;
  /** Running balance after the day's last transaction, when the bank reported one. */
  closing: number | null;
}

export async function dailyTotals(db: Queryable, accountId: string): Promise<DailyTotals[]> {
  const { rows } = await db.query<DailyTotals>(
    `SELECT date, sum(amount)::bigint AS net, (array_agg(balance ORDER BY seq DESC))[1] AS closing
     FROM transactions WHERE account_id = $1 GROUP BY date ORDER BY date`,
    [accountId],
  );
  return rows;
}
