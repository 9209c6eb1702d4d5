/** The person's category rules and their own category for one transaction, always through the owning user. */
import type { CategoryKey, CategoryRule } from '@passbook/contracts';
import { type TransactionRow, transactionColumns } from '../accounts/repository.ts';
import type { Queryable } from '../db/database.ts';
import { normalizeText } from './merchant.ts';

interface RuleRow {
  id: string;
  match: string;
  category: CategoryKey;
  created_at: Date;
}

export function presentRule(row: RuleRow): CategoryRule {
  return { id: row.id, match: row.match, category: row.category, createdAt: row.created_at.toISOString() };
}

export async function listRules(db: Queryable, userId: string): Promise<RuleRow[]> {
  const { rows } = await db.query<RuleRow>(
    'SELECT id, match, category, created_at FROM category_rules WHERE user_id = $1 ORDER BY created_at, id',
    [userId],
  );
  return rows;
}

/**
 * Saves the rule (the same match again replaces its category) and applies it to every stored transaction it
 * matches, except those the person categorised by hand. Returns the rule and how many transactions changed.
 */
export async function saveRule(
  tx: Queryable,
  userId: string,
  rule: { match: string; category: CategoryKey },
): Promise<{ row: RuleRow; applied: number }> {
  const match = normalizeText(rule.match);
  const { rows } = await tx.query<RuleRow>(
    `INSERT INTO category_rules (id, user_id, match, category) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, match) DO UPDATE SET category = excluded.category, created_at = now()
     RETURNING id, match, category, created_at`,
    [crypto.randomUUID(), userId, match, rule.category],
  );
  const row = rows[0];
  if (!row) throw new Error('rule upsert returned no row');
  const applied = await tx.query(
    `UPDATE transactions t SET category = $3, category_source = 'rule'
     FROM accounts a
     WHERE a.id = t.account_id AND a.user_id = $1 AND position($2 in t.search_text) > 0
       AND t.category_source IS DISTINCT FROM 'manual'
       AND (t.category, t.category_source) IS DISTINCT FROM ($3, 'rule')`,
    [userId, match, rule.category],
  );
  return { row, applied: applied.rowCount };
}

/** Removes the rule; the transactions it categorised keep their category until the person changes them. */
export async function deleteRule(db: Queryable, userId: string, ruleId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM category_rules WHERE id = $1 AND user_id = $2', [
    ruleId,
    userId,
  ]);
  return rowCount > 0;
}

/** Sets one transaction's category by hand; null when the user has no such transaction. */
export async function setTransactionCategory(
  db: Queryable,
  userId: string,
  transactionId: string,
  category: CategoryKey,
): Promise<TransactionRow | null> {
  const updated = await db.query(
    `UPDATE transactions t SET category = $3, category_source = 'manual'
     FROM accounts a WHERE a.id = t.account_id AND a.user_id = $1 AND t.id = $2`,
    [userId, transactionId, category],
  );
  if (updated.rowCount === 0) return null;
  const { rows } = await db.query<TransactionRow>(
    `SELECT ${transactionColumns()} FROM transactions WHERE id = $1`,
    [transactionId],
  );
  return rows[0] ?? null;
}
