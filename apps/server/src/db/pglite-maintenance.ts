/**
 * PGlite runs PostgreSQL in single-user mode, without its background workers: autovacuum never runs there. Left
 * alone, every updated or deleted row (a categorised transaction, a renewed job lease, a touched session) stays
 * as a dead tuple for good, tables and indexes only grow, and the planner never gets statistics, so its plans
 * for a growing database are guesses. The PGlite thread therefore does autovacuum's work itself, every
 * `MAINTENANCE_EVERY_MS`, with autovacuum's default thresholds: a table is vacuumed once its dead tuples pass
 * 50 + 20 % of its rows (or its rows inserted since the last vacuum pass 1,000 + 20 %), and analysed once its
 * changes since the last analysis pass 50 + 10 %. PostgreSQL proper needs none of this.
 */
import type { Queryable } from './database.ts';

/** autovacuum_naptime's default. */
export const MAINTENANCE_EVERY_MS = 60_000;

interface Due {
  table: string;
  vacuum: boolean;
}

const TABLES_DUE = `
  SELECT relname AS table,
    n_dead_tup > 50 + 0.2 * n_live_tup OR n_ins_since_vacuum > 1000 + 0.2 * n_live_tup AS vacuum
  FROM pg_stat_user_tables
  WHERE schemaname = current_schema()
    AND (n_dead_tup > 50 + 0.2 * n_live_tup OR n_ins_since_vacuum > 1000 + 0.2 * n_live_tup
      OR n_mod_since_analyze > 50 + 0.1 * n_live_tup)
  ORDER BY relname`;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Vacuums (and analyses) or analyses each table that is due, one statement at a time outside any transaction,
 * so each waits its turn behind the work already queued; returns what it did, as `VACUUM t` / `ANALYZE t`.
 */
export async function maintain(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<Due>(TABLES_DUE);
  const done: string[] = [];
  for (const { table, vacuum } of rows) {
    await db.query(vacuum ? `VACUUM (ANALYZE) ${quoted(table)}` : `ANALYZE ${quoted(table)}`);
    done.push(`${vacuum ? 'VACUUM' : 'ANALYZE'} ${table}`);
  }
  return done;
}
