/**
 * PGlite in its worker thread behind the `Database` interface: statements run off the server's thread, and
 * transactions, COPY, errors and notifications behave as they do in process.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, DatabaseError } from '../../src/db/database.ts';
import { openPgliteWorker } from '../../src/db/pglite-worker.ts';
import { DataDirError } from '../../src/errors.ts';

describe('PGlite in a worker thread', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openPgliteWorker(null);
    await db.query('CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL, amount bigint, day date)');
  });

  afterAll(async () => {
    await db.close();
  });

  it('leaves the server’s thread free while a long statement runs', async () => {
    let turns = 0;
    const ticker = setInterval(() => {
      turns += 1;
    }, 1);
    try {
      const long = db.query<{ n: number }>('SELECT count(*) AS n FROM generate_series(1, 3000000)');
      // In process, the statement would hold this thread until it ends and no timer could fire meanwhile.
      const first = await Promise.race([
        long.then(() => 'statement'),
        new Promise((resolve) => setTimeout(() => resolve('timer'), 5)),
      ]);
      expect(first).toBe('timer');
      expect((await long).rows).toEqual([{ n: 3_000_000 }]);
      expect(turns).toBeGreaterThan(0);
    } finally {
      clearInterval(ticker);
    }
  });

  it.runIf(process.platform === 'linux')(
    'runs its thread at a lower priority than the server’s, which goes first when every core is busy',
    async () => {
      /** This process's threads that are nicer than its main thread (a thread's niceness is field 19 of its stat). */
      const nicerThreads = () => {
        const niceness = (task: string) => {
          const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
        };
        const main = niceness(String(process.pid));
        return readdirSync('/proc/self/task').filter((task) => niceness(task) > main).length;
      };
      const before = nicerThreads();
      const another = await openPgliteWorker(null);
      try {
        expect((await another.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
        expect(nicerThreads()).toBe(before + 1);
      } finally {
        await another.close();
      }
    },
  );

  it('returns bigint as a number and a date as its text, as in process', async () => {
    await db.query('INSERT INTO items VALUES (1, $1, $2, $3)', ['one', 1234, '2026-02-03']);
    const { rows, rowCount } = await db.query('SELECT label, amount, day FROM items WHERE id = 1');
    expect(rowCount).toBe(1);
    expect(rows).toEqual([{ label: 'one', amount: 1234, day: '2026-02-03' }]);
  });

  it('commits a transaction that resolves, with its COPY, and rolls back one that throws', async () => {
    const loaded = await db.transaction(async (tx) => {
      await tx.query("INSERT INTO items VALUES (2, 'two', NULL, NULL)");
      return tx.copyRows(
        'items',
        ['id', 'label'],
        [
          [3, 'three\twith a tab'],
          [4, 'four'],
        ],
      );
    });
    expect(loaded).toBe(2);
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO items VALUES (5, 'five', NULL, NULL)");
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const { rows } = await db.query('SELECT id, label FROM items WHERE id > 1 ORDER BY id');
    expect(rows).toEqual([
      { id: 2, label: 'two' },
      { id: 3, label: 'three\twith a tab' },
      { id: 4, label: 'four' },
    ]);
  });

  it('fails a statement with a DatabaseError of code and message only, and a failed statement aborts its transaction', async () => {
    const failure = db
      .transaction((tx) => tx.query("INSERT INTO items VALUES (1, 'again', NULL, NULL)"))
      .catch((caught: unknown) => caught);
    const error = await failure;
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({ code: '23505', message: expect.stringContaining('items_pkey') });
    expect(Object.keys(error as object).sort()).toEqual(['code', 'name']);
    expect((await db.query('SELECT count(*)::int AS n FROM items')).rows).toEqual([{ n: 4 }]);
  });

  it('delivers notifications until the listener stops', async () => {
    const heard: string[] = [];
    let resumed = 0;
    const stop = await db.listen('items_changed', {
      onMessage: (payload) => heard.push(payload),
      onInterrupted: () => undefined,
      onResumed: () => {
        resumed += 1;
      },
    });
    await db.query("SELECT pg_notify('items_changed', 'first')");
    await stop();
    await db.query("SELECT pg_notify('items_changed', 'second')");
    await db.query('SELECT 1');
    expect(heard).toEqual(['first']);
    expect(resumed).toBe(1);
  });
});

describe('a damaged data directory under the PGlite thread', () => {
  it('stops the start with the DataDirError sentence naming its path, as in process', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'passbook-damaged-worker-')), 'pglite');
    await (await openPgliteWorker(dir)).close();
    writeFileSync(join(dir, 'global', 'pg_control'), Buffer.alloc(8192));
    const error = await openPgliteWorker(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataDirError);
    expect((error as DataDirError).message).toContain(dir);
    expect((error as DataDirError).message).not.toContain('\n');
  });
});
