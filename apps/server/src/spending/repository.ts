/**
 * Spending per month by category, across all of a user's accounts in one currency: money out less refunds,
 * without income and without transfers between the person's own accounts.
 */
import {
  type CategoryKey,
  NOT_SPENDING,
  SPENDING_TRANSACTIONS_MAX,
  type SpendingResponse,
  type SpendingTransactionsResponse,
} from '@passbook/contracts';
import { presentTransaction, type TransactionRow, transactionColumns } from '../accounts/repository.ts';
import type { Queryable } from '../db/database.ts';

/** `YYYY-MM` of the month `offset` months after `month`. */
export function addMonths(month: string, offset: number): string {
  const [year, monthOfYear] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthOfYear - 1) + offset;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const SPENDING = `a.user_id = $1 AND a.currency = $2 AND t.category IS NOT NULL
  AND NOT (t.category = ANY($3::text[])) AND t.transfer_peer_id IS NULL`;

/** The currencies the user has spending in, the one with the most transactions first. */
async function spendingCurrencies(db: Queryable, userId: string): Promise<string[]> {
  const { rows } = await db.query<{ currency: string }>(
    `SELECT a.currency FROM accounts a WHERE a.user_id = $1
     GROUP BY a.currency ORDER BY sum(a.transaction_count) DESC, a.currency`,
    [userId],
  );
  return rows.map((row) => row.currency);
}

export async function spending(
  db: Queryable,
  userId: string,
  query: { currency?: string | undefined; month?: string | undefined; months: number },
): Promise<SpendingResponse> {
  const currencies = await spendingCurrencies(db, userId);
  const currency = query.currency ?? currencies[0] ?? null;
  if (currency === null) return { currency: null, currencies, months: [], categories: [], totals: [] };
  let last = query.month;
  if (last === undefined) {
    const { rows } = await db.query<{ month: string | null }>(
      `SELECT to_char(max(t.date), 'YYYY-MM') AS month
       FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE ${SPENDING}`,
      [userId, currency, NOT_SPENDING],
    );
    last = rows[0]?.month ?? new Date().toISOString().slice(0, 7);
  }
  const months = Array.from({ length: query.months }, (_, index) =>
    addMonths(last, index - query.months + 1),
  );
  const first = months[0] ?? last;
  const { rows } = await db.query<{ month: string; category: CategoryKey; spent: number }>(
    `SELECT to_char(t.date, 'YYYY-MM') AS month, t.category, (-sum(t.amount))::bigint AS spent
     FROM transactions t JOIN accounts a ON a.id = t.account_id
     WHERE ${SPENDING} AND t.date >= $4::date AND t.date < $5::date
     GROUP BY 1, 2`,
    [userId, currency, NOT_SPENDING, `${first}-01`, `${addMonths(last, 1)}-01`],
  );
  const byCategory = new Map<CategoryKey, number[]>();
  for (const row of rows) {
    const amounts = byCategory.get(row.category) ?? months.map(() => 0);
    amounts[months.indexOf(row.month)] = row.spent;
    byCategory.set(row.category, amounts);
  }
  const latest = months.length - 1;
  const categories = [...byCategory.entries()]
    .map(([category, amounts]) => ({ category, amounts }))
    // Biggest spending in the last month first; then over the whole range.
    .sort(
      (a, b) =>
        (b.amounts[latest] ?? 0) - (a.amounts[latest] ?? 0) ||
        b.amounts.reduce((x, y) => x + y, 0) - a.amounts.reduce((x, y) => x + y, 0),
    );
  const totals = months.map((_, index) =>
    categories.reduce((sum, category) => sum + (category.amounts[index] ?? 0), 0),
  );
  return { currency, currencies, months, categories, totals };
}

export async function spendingTransactions(
  db: Queryable,
  userId: string,
  query: { currency: string; month: string; category: CategoryKey },
): Promise<SpendingTransactionsResponse> {
  const params = [
    userId,
    query.currency,
    NOT_SPENDING,
    `${query.month}-01`,
    `${addMonths(query.month, 1)}-01`,
  ];
  const where = `${SPENDING} AND t.category = $6 AND t.date >= $4::date AND t.date < $5::date`;
  const [page, count] = await Promise.all([
    db.query<TransactionRow & { account_id: string; account_title: string }>(
      `SELECT t.account_id, a.title AS account_title, ${transactionColumns('t')}
       FROM transactions t JOIN accounts a ON a.id = t.account_id
       WHERE ${where} ORDER BY t.date DESC, t.seq DESC LIMIT ${SPENDING_TRANSACTIONS_MAX}`,
      [...params, query.category],
    ),
    db.query<{ total: number }>(
      `SELECT count(*) AS total FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE ${where}`,
      [...params, query.category],
    ),
  ]);
  return {
    transactions: page.rows.map((row) => ({
      ...presentTransaction(row),
      accountId: row.account_id,
      accountTitle: row.account_title,
    })),
    total: count.rows[0]?.total ?? 0,
  };
}
