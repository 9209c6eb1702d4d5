/**
 * Does what we stored add up? For each account of a link, the bank's current balance must be the running
 * balance of the latest stored transaction, and the first stored running balance plus every later amount must
 * come to it too (either sign: card balances grow with spending). A transaction missing from the stored history
 * (a gap) breaks the sum; the account is flagged until a retrieval brings it back, in whatever order.
 */
import type { Queryable } from '../db/database.ts';

export async function checkBalances(tx: Queryable, linkId: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string; balance_gap: boolean }>(
    `WITH ordered AS (
       SELECT t.account_id, t.balance, t.amount,
         row_number() OVER (PARTITION BY t.account_id ORDER BY t.date, t.seq) AS from_first,
         row_number() OVER (PARTITION BY t.account_id ORDER BY t.date DESC, t.seq DESC) AS from_last
       FROM transactions t JOIN accounts a ON a.id = t.account_id
       WHERE a.link_id = $1),
     summary AS (
       SELECT account_id,
         max(balance) FILTER (WHERE from_first = 1) AS first_balance,
         max(amount) FILTER (WHERE from_first = 1) AS first_amount,
         max(balance) FILTER (WHERE from_last = 1) AS last_balance,
         sum(amount) AS total
       FROM ordered GROUP BY account_id),
     verdict AS (
       SELECT a.id, coalesce(
         (s.last_balance IS NOT NULL AND a.balance_current IS NOT NULL AND s.last_balance <> a.balance_current)
         OR (s.first_balance IS NOT NULL AND s.last_balance IS NOT NULL
             AND s.first_balance + (s.total - s.first_amount) <> s.last_balance
             AND s.first_balance - (s.total - s.first_amount) <> s.last_balance), false) AS gap
       FROM accounts a LEFT JOIN summary s ON s.account_id = a.id
       WHERE a.link_id = $1)
     UPDATE accounts a SET balance_gap = v.gap FROM verdict v
     WHERE a.id = v.id
     RETURNING a.id, a.balance_gap`,
    [linkId],
  );
  return rows.filter((row) => row.balance_gap).map((row) => row.id);
}
