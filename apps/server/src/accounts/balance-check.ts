/**
 * Does what we stored add up? For each account of a link, the bank's current balance must be the running
 * balance of the latest stored transaction, and the first stored running balance plus every later amount must
 * come to it too (either sign: card balances grow with spending). A transaction missing from the stored history
 * (a gap) breaks the sum; the account is flagged until a retrieval brings it back, in whatever order.
 */
import type { Queryable } from '../db/database.ts';

export async function checkBalances(tx: Queryable, linkId: string): Promise<string[]> {
  const { rows } = await tx.query<{ id: string; balance_gap: boolean }>(
    // Each account's first and last transaction (date, then seq: an order without ties) are read from the
    // ends of its `transactions_page` index rather than by numbering all of its rows twice.
    `WITH summary AS (
       SELECT a.id AS account_id, oldest.balance AS first_balance, oldest.amount AS first_amount,
         newest.balance AS last_balance, sums.total
       FROM accounts a
         LEFT JOIN LATERAL (
           SELECT t.balance, t.amount FROM transactions t WHERE t.account_id = a.id
           ORDER BY t.date, t.seq LIMIT 1) oldest ON true
         LEFT JOIN LATERAL (
           SELECT t.balance FROM transactions t WHERE t.account_id = a.id
           ORDER BY t.date DESC, t.seq DESC LIMIT 1) newest ON true
         LEFT JOIN LATERAL (
           SELECT sum(t.amount) AS total FROM transactions t WHERE t.account_id = a.id) sums ON true
       WHERE a.link_id = $1),
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
