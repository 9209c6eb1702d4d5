/**
 * PGlite has no autovacuum: the thread vacuums and analyses what autovacuum would, with its thresholds, so
 * dead rows do not pile up and the planner has statistics; a table with few changes is left alone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { maintain } from '../../src/db/pglite-maintenance.ts';
import { openPgliteWorker } from '../../src/db/pglite-worker.ts';

let db: Database | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

/** The statistics of what ran so far: PostgreSQL reports them at most once a second unless asked. */
async function flushed(database: Database): Promise<void> {
  await database.query('SELECT pg_stat_force_next_flush()');
}

async function stats(database: Database, table: string) {
  await flushed(database);
  const { rows } = await database.query<{
    dead: number;
    vacuumed: boolean;
    analysed: boolean;
  }>(
    `SELECT n_dead_tup::int AS dead, last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analysed
     FROM pg_stat_user_tables WHERE relname = $1`,
    [table],
  );
  return rows[0];
}

describe('PGlite maintenance', () => {
  it('vacuums a table whose dead rows pass autovacuum’s threshold, and analyses a changed one', async () => {
    db = await openPglite(null);
    await db.query('CREATE TABLE churned (id int PRIMARY KEY, v text)');
    await db.query("INSERT INTO churned SELECT g, 'a' FROM generate_series(1, 2000) g");
    await db.query("UPDATE churned SET v = 'b'");
    await db.query('CREATE TABLE quiet (id int PRIMARY KEY)');
    await db.query('INSERT INTO quiet SELECT g FROM generate_series(1, 10) g');
    expect((await stats(db, 'churned'))?.dead).toBe(2000);

    await flushed(db);
    const done = await maintain(db);
    expect(done).toContain('VACUUM churned');
    expect(done.some((step) => step.endsWith(' quiet'))).toBe(false);
    expect(await stats(db, 'churned')).toEqual({ dead: 0, vacuumed: true, analysed: true });
    expect(await stats(db, 'quiet')).toEqual({ dead: 0, vacuumed: false, analysed: false });
    await flushed(db);
    expect(await maintain(db)).toEqual([]);
  });

  it('analyses a table changed past the analysis threshold that has nothing to vacuum', async () => {
    db = await openPglite(null);
    await db.query('CREATE TABLE grown (id int PRIMARY KEY)');
    await db.query('INSERT INTO grown SELECT g FROM generate_series(1, 500) g');
    await flushed(db);
    expect(await maintain(db)).toEqual(['ANALYZE grown']);
    expect(await stats(db, 'grown')).toEqual({ dead: 0, vacuumed: false, analysed: true });
  });

  it('runs by itself in the PGlite thread', async () => {
    db = await openPgliteWorker(null, { maintenanceMs: 100 });
    await db.query('CREATE TABLE churned (id int PRIMARY KEY, v text)');
    await db.query("INSERT INTO churned SELECT g, 'a' FROM generate_series(1, 2000) g");
    await db.query("UPDATE churned SET v = 'b'");
    const worker = db;
    await vi.waitFor(async () => expect((await stats(worker, 'churned'))?.vacuumed).toBe(true), {
      timeout: 10_000,
    });
    expect((await stats(worker, 'churned'))?.dead).toBe(0);
  });
});
