import type { Database } from './database.ts';
import { migrations as all } from './migrations/index.ts';

export interface Migration {
  id: string;
  /** One statement each: PGlite's extended protocol runs a single statement per query. */
  statements: readonly string[];
}

/** Serialises concurrent starts (several instances on one PostgreSQL) around the migrations. */
const MIGRATION_LOCK = 7_261_904_113;

/** Applies the migrations not applied yet, in one transaction, and returns their ids. */
export async function migrate(db: Database, migrations: readonly Migration[] = all): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ id: string }>('SELECT id FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.id));
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      newlyApplied.push(migration.id);
    }
    return newlyApplied;
  });
}
