/** Recurring payments of a user: detected from their stored history on each read, with their decisions. */
import type { RecurringPayment, RecurringStatus } from '@passbook/contracts';
import type { Queryable } from '../db/database.ts';
import { detectRecurring, type HistoryTransaction, type RecurringSeries } from './detect.ts';

/** Series are looked for in this much history: a yearly payment shows twice. */
const HISTORY_DAYS = 400;

/** Today in the banks' time zone, as their dates are written. */
export function bankToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(now);
}

function present(series: RecurringSeries, status: RecurringStatus): RecurringPayment {
  return {
    id: series.id,
    merchant: series.merchant,
    category: series.category,
    kind:
      series.direction === 'in' ? 'income' : series.category === 'subscriptions' ? 'subscription' : 'bill',
    cadence: series.cadence,
    currency: series.currency,
    amount: series.amount,
    occurrences: series.occurrences,
    lastDate: series.lastDate,
    nextDate: series.nextDate,
    nextAmount: series.nextAmount,
    status,
  };
}

export async function recurringPayments(
  db: Queryable,
  userId: string,
  today: string,
): Promise<RecurringPayment[]> {
  const [history, decisions] = await Promise.all([
    db.query<HistoryTransaction>(
      `SELECT t.id, t.date, t.amount, a.currency, t.merchant, t.category
       FROM transactions t JOIN accounts a ON a.id = t.account_id
       WHERE a.user_id = $1 AND t.category IS NOT NULL AND t.transfer_peer_id IS NULL
         AND t.date > $2::date - $3::int`,
      [userId, today, HISTORY_DAYS],
    ),
    db.query<{ series_id: string; status: 'confirmed' | 'dismissed' }>(
      'SELECT series_id, status FROM recurring_decisions WHERE user_id = $1',
      [userId],
    ),
  ]);
  const decided = new Map(decisions.rows.map((row) => [row.series_id, row.status]));
  return detectRecurring(history.rows, today).map((series) =>
    present(series, decided.get(series.id) ?? 'detected'),
  );
}

export async function decide(
  db: Queryable,
  userId: string,
  seriesId: string,
  status: 'confirmed' | 'dismissed',
): Promise<void> {
  await db.query(
    `INSERT INTO recurring_decisions (user_id, series_id, status) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, series_id) DO UPDATE SET status = excluded.status, decided_at = now()`,
    [userId, seriesId, status],
  );
}
