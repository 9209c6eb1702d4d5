/**
 * Instances share the work: two runners on one database claim a backlog in proportion to their capacity,
 * whichever of them heard of it first and whatever its size. The runners hold every job they claim (the
 * executor waits until the runner stops), so the split is exactly what each claimed.
 */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { ENGINES } from '../helpers/database.ts';
import { eventually } from '../helpers/stack.ts';
import { useDatabase } from '../helpers/suite.ts';

const log = Fastify({ logger: false }).log;

describe.each(ENGINES)('claiming on %s', (engine) => {
  const database = useDatabase(engine);

  /** A runner that holds each job it claims until it stops. */
  function runner(db: Database, owner: string, concurrency: number): JobRunner {
    return new JobRunner({
      db,
      log,
      owner,
      execute: ({ signal }) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())),
      concurrency,
      leaseMs: 60_000,
      claimIntervalMs: 25,
      jobTimeoutMs: 600_000,
      mfaExpiredMessage: 'expired',
    });
  }

  /** `count` queued link jobs, each on a login of its own, as many people linking at once would make. */
  async function backlog(count: number): Promise<string> {
    const userId = crypto.randomUUID();
    const { db } = database;
    await db.query('INSERT INTO users (id) VALUES ($1)', [userId]);
    await db.query(
      `INSERT INTO links (id, user_id, login_id_hash, login_id_encrypted, status)
       SELECT gen_random_uuid(), $1::uuid, $1::text || '-' || g, 'sealed', 'pending' FROM generate_series(1, $2) AS g`,
      [userId, count],
    );
    await db.query(
      `INSERT INTO jobs (id, user_id, link_id, login_id_hash, kind, state, authorize_live)
       SELECT gen_random_uuid(), user_id, id, login_id_hash, 'link', 'queued', false FROM links WHERE user_id = $1`,
      [userId],
    );
    return userId;
  }

  /** Two runners see each other, the backlog arrives at the first, and both claim until nothing waits. */
  async function split(count: number, capacities: [number, number]) {
    const owners = [`first-${crypto.randomUUID()}`, `second-${crypto.randomUUID()}`];
    const runners = [
      runner(database.db, owners[0] ?? '', capacities[0]),
      runner(await database.reopen(), owners[1] ?? '', capacities[1]),
    ];
    for (const each of runners) each.start();
    try {
      await eventually(async () => {
        const { rows } = await database.db.query('SELECT 1 FROM job_runners WHERE owner = ANY($1)', [owners]);
        return rows.length === 2 ? true : undefined;
      }, 'both runners registered');
      const userId = await backlog(count);
      runners[0]?.wake();
      const claimed = await eventually(async () => {
        const { rows } = await database.db.query<{ lease_owner: string | null; jobs: number }>(
          'SELECT lease_owner, count(*)::int AS jobs FROM jobs WHERE user_id = $1 GROUP BY lease_owner',
          [userId],
        );
        if (rows.some((row) => row.lease_owner === null)) return undefined;
        return new Map(rows.map((row) => [row.lease_owner, row.jobs]));
      }, `all ${count} jobs claimed`);
      expect(runners.map((each) => each.size)).toEqual(owners.map((owner) => claimed.get(owner) ?? 0));
      return owners.map((owner) => claimed.get(owner) ?? 0);
    } finally {
      for (const each of runners) await each.stop();
      await database.db.query(
        "UPDATE jobs SET state = 'succeeded', finished_at = now() WHERE state NOT IN ('succeeded', 'failed')",
      );
    }
  }

  it.each([10, 100, 1_000])(
    'splits %i waiting jobs between two equal instances within 40/60',
    async (count) => {
      const [first = 0, second = 0] = await split(count, [1_000, 1_000]);
      expect(first + second).toBe(count);
      expect(first).toBeGreaterThanOrEqual(count * 0.4);
      expect(second).toBeGreaterThanOrEqual(count * 0.4);
    },
  );

  it('splits in proportion to capacity: three to one', async () => {
    const [first = 0, second = 0] = await split(400, [300, 100]);
    expect([first, second]).toEqual([300, 100]);
  });

  it('leaves a stopped runner out of the shares: the one left takes the whole backlog', async () => {
    const owner = `alone-${crypto.randomUUID()}`;
    const gone = runner(database.db, `gone-${crypto.randomUUID()}`, 1_000);
    gone.start();
    await gone.stop();
    const alone = runner(database.db, owner, 1_000);
    alone.start();
    try {
      const userId = await backlog(50);
      alone.wake();
      await eventually(async () => {
        const { rows } = await database.db.query<{ jobs: number }>(
          'SELECT count(*)::int AS jobs FROM jobs WHERE user_id = $1 AND lease_owner = $2',
          [userId, owner],
        );
        return rows[0]?.jobs === 50 ? true : undefined;
      }, 'the whole backlog claimed');
    } finally {
      await alone.stop();
      await database.db.query(
        "UPDATE jobs SET state = 'succeeded', finished_at = now() WHERE state NOT IN ('succeeded', 'failed')",
      );
    }
  });
});
