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
 * statement (a year of five accounts is sixty). A month given twice keeps the later copy. Each sealed PDF is a
 * parameter of its own, which the PostgreSQL client sends as bytes: inside an array it would go as text, twice
 * its length in hex.
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
  const params: unknown[] = [link.id, link.userId];
  const rows = [...latest.values()].map((row) => {
    const at = params.length;
    params.push(crypto.randomUUID(), row.flinksAccountId, row.period, row.pdfSealed, row.sizeBytes);
    return `($${at + 1}::uuid, $${at + 2}::text, $${at + 3}::text, $${at + 4}::bytea, $${at + 5}::int)`;
  });
  await tx.query(
    `INSERT INTO statements (id, account_id, period, pdf_sealed_bytes, size_bytes)
     SELECT s.id, a.id, s.period, s.sealed, s.size_bytes
     FROM (VALUES ${rows.join(', ')}) AS s(id, flinks_account_id, period, sealed, size_bytes)
     JOIN accounts a ON a.link_id = $1 AND a.user_id = $2 AND a.flinks_account_id = s.flinks_account_id
     ON CONFLICT (account_id, period) DO UPDATE SET
       pdf_sealed_bytes = excluded.pdf_sealed_bytes, pdf_sealed = NULL, size_bytes = excluded.size_bytes,
       retrieved_at = now()`,
    params,
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

/** A statement with its sealed PDF: bytes, or the text of a row stored before statements rested as bytes. */
export async function accountStatement(
  db: Queryable,
  accountId: string,
  statementId: string,
): Promise<(StatementRow & { sealed: Uint8Array | string }) | null> {
  const { rows } = await db.query<
    StatementRow & { pdf_sealed_bytes: Uint8Array | null; pdf_sealed: string | null }
  >(
    `SELECT id, period, size_bytes, pdf_sealed_bytes, pdf_sealed FROM statements
     WHERE account_id = $1 AND id = $2`,
    [accountId, statementId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  const { pdf_sealed_bytes, pdf_sealed, ...statement } = row;
  const sealed = pdf_sealed_bytes ?? pdf_sealed;
  if (sealed === null) throw new Error('A statement row holds no sealed PDF');
  return { ...statement, sealed };
}
