/**
 * The engines storage tests run on: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. A PGlite
 * costs seconds and hundreds of megabytes to create, so a test file opens one per engine and isolates its
 * tests by user; on PostgreSQL each file works in a schema of its own, dropped afterwards.
 */
import pg from 'pg';
import type { Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openPgliteWorker } from '../../src/db/pglite-worker.ts';
import { openPostgres } from '../../src/db/postgres.ts';

export type Engine = 'pglite' | 'postgres';

export const ENGINES: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  db: Database;
  /** Opens another connection pool on the same data (a second app instance); PostgreSQL only. */
  reopen(): Promise<Database>;
  close(): Promise<void>;
}

export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const db = await openPgliteWorker(null);
    await migrate(db);
    return { db, reopen: async () => db, close: () => db.close() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `test_${crypto.randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pools: Database[] = [];
  const open = async () => {
    const db = await openPostgres(url, { schema });
    pools.push(db);
    return db;
  };
  const db = await open();
  await migrate(db);
  return {
    db,
    reopen: open,
    async close() {
      for (const pool of pools) await pool.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
