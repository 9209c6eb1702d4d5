/**
 * The databases a system test gives its servers, and how the test reads them afterwards: a PostgreSQL database
 * created for the run (the test role may CREATE DATABASE) and dropped after it, or a PGlite data directory read
 * once its server has stopped (PGlite is one process's database).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database, Queryable } from '../../../src/db/database.ts';
import { openPglite } from '../../../src/db/pglite.ts';
import { openPostgres } from '../../../src/db/postgres.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export interface PostgresDatabase {
  /** The new database's URL, for DATABASE_URL. */
  url: string;
  /** A pool of the test's own on that database. */
  db: Database;
  drop(): Promise<void>;
}

/** A fresh, empty database next to TEST_DATABASE_URL's, for one test file's servers. */
export async function createPostgresDatabase(): Promise<PostgresDatabase> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `passbook_system_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.close();
      // FORCE ends the database's other connections, but not one of another role: most likely an autovacuum worker that
      // started on it after the test's writes refuses the drop (42501) until it finishes, a moment later.
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '42501' || attempt === 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      await admin.end();
    },
  };
}

export interface DataDir {
  path: string;
  /** Opens its PGlite database: only while no server runs on it. */
  open(): Promise<Database>;
  remove(): void;
}

/** A temporary DATA_DIR for a server on the embedded database. */
export function createDataDir(): DataDir {
  const path = mkdtempSync(join(tmpdir(), 'passbook-system-'));
  return {
    path,
    open: () => openPglite(join(path, 'pglite')),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Every row of every table of ours, as PostgreSQL's text form of the row: what a dump of the data shows. */
export async function dumpRows(db: Queryable): Promise<string> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  if (tables.length === 0) throw new Error('no tables to dump');
  const parts: string[] = [];
  for (const { name } of tables) {
    const { rows } = await db.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
    parts.push(`-- ${name}`, ...rows.map((row) => row.row));
  }
  return parts.join('\n');
}

/** `pg_dump` of a PostgreSQL database (schema and data), or null when pg_dump is not installed. */
export function pgDump(url: string): string | null {
  const result = spawnSync('pg_dump', ['--no-owner', url], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') return null;
  if (result.status !== 0) throw new Error(`pg_dump failed: ${result.stderr}`);
  return result.stdout;
}
