/** Stored statements: written with a job's data, read only through the owning account. */
import type { Queryable } from '../db/database.ts';
import type { FetchedStatement } from './retrieve.ts';

export interface StatementRow {
  id: string;
  period: string;
  size_bytes: number;
}

/**
 * Inside the job's final transaction, after its accounts are stored: one row per account and month, all in one
 * statement (a year of five accounts is sixty). A month given twice keeps the later copy.
 */
export async function storeStatements(
  tx: Queryable,
  link: { id: string; userId: string },
  statements: readonly FetchedStatement[],
): Promise<void> {
  const latest = new Map<string, FetchedStatement>();
  for (const statement of statements)
    latest.set(`${statement.flinksAccountId}\u0000${statement.period}`, statement);
  if (latest.size === 0) return;
  const rows = [...latest.values()];
  await tx.query(
    `INSERT INTO statements (id, account_id, period, pdf_sealed, size_bytes)
     SELECT s.id, a.id, s.period, s.pdf_sealed, s.size_bytes
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::int[])
       AS s(id, flinks_account_id, period, pdf_sealed, size_bytes)
     JOIN accounts a ON a.link_id = $1 AND a.user_id = $2 AND a.flinks_account_id = s.flinks_account_id
     ON CONFLICT (account_id, period) DO UPDATE SET
       pdf_sealed = excluded.pdf_sealed, size_bytes = excluded.size_bytes, retrieved_at = now()`,
    [
      link.id,
      link.userId,
      rows.map(() => crypto.randomUUID()),
      rows.map((row) => row.flinksAccountId),
      rows.map((row) => row.period),
      rows.map((row) => row.pdfSealed),
      rows.map((row) => row.sizeBytes),
    ],
  );
}

/** Whether the link already holds a statement of `period` (the last complete month): then none is asked. */
export async function linkHasStatementOf(db: Queryable, linkId: string, period: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM statements s JOIN accounts a ON a.id = s.account_id
     WHERE a.link_id = $1 AND s.period = $2 LIMIT 1`,
    [linkId, period],
  );
  return rows.length > 0;
}

export async function accountStatements(db: Queryable, accountId: string): Promise<StatementRow[]> {
  const { rows } = await db.query<StatementRow>(
    'SELECT id, period, size_bytes FROM statements WHERE account_id = $1 ORDER BY period DESC',
    [accountId],
  );
  return rows;
}

export async function accountStatement(
  db: Queryable,
  accountId: string,
  statementId: string,
): Promise<(StatementRow & { pdf_sealed: string }) | null> {
  const { rows } = await db.query<StatementRow & { pdf_sealed: string }>(
    'SELECT id, period, size_bytes, pdf_sealed FROM statements WHERE account_id = $1 AND id = $2',
    [accountId, statementId],
  );
  return rows[0] ?? null;
}
