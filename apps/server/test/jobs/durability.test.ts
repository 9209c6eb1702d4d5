/**
 * Jobs are rows, not promises: a job survives the app closing mid-poll and finishes exactly once after the
 * next start; a crashed instance's job is taken over when its lease expires; two runners on one database never
 * run the same job; a runner that loses a lease stops writing.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { Sandbox } from '@passbook/flinks-sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, DatabaseError } from '../../src/db/database.ts';
import { LeaseLostError, updateOwnedJob } from '../../src/jobs/leases.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { Browser } from '../helpers/browser.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countingUpdates } from '../helpers/row-writes.ts';
import { severable } from '../helpers/severable.ts';
import { appOn, clientFor, eventually, jobRow, startSandbox, waitForJob } from '../helpers/stack.ts';

describe.each(ENGINES)('job durability on %s', (engine) => {
  let database: TestDatabase;
  let sandbox: Sandbox;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([openTestDatabase(engine), startSandbox()]);
  });

  beforeEach(async () => {
    await sandbox.control.reset();
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  afterAll(async () => {
    await sandbox.close();
    await database.close();
  });

  /** An app on its own connection pool (on PostgreSQL), as a separate instance would have. */
  async function instance(env: Record<string, string> = {}, runJobs = true): Promise<FastifyInstance> {
    const app = await appOn(sandbox, await database.reopen(), env, { runJobs });
    apps.push(app);
    return app;
  }

  /** `count` people each linking a new `greatday_nomfa` login on `app` at once: their jobs under way. */
  async function linkedAtOnce(app: FastifyInstance, count: number) {
    return Promise.all(
      Array.from({ length: count }, async () => {
        const user = new Browser(app);
        const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
        const { job } = (await user.post('/api/links', { loginId })).json();
        return { user, job, loginId };
      }),
    );
  }

  async function transactionsOf(linkId: string) {
    const { rows } = await database.db.query<{ total: number; distinct_ids: number }>(
      `SELECT count(*) AS total, count(DISTINCT (t.account_id, t.flinks_transaction_id)) AS distinct_ids
       FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE a.link_id = $1`,
      [linkId],
    );
    return rows[0];
  }

  it('resumes polling after a restart mid-poll, without asking Flinks again, and stores once', async () => {
    // The bank holds the data until the first instance is gone: however slow the machine, the restart is
    // mid-poll (readiness follows the current setting, so shortening it later releases the same request).
    await sandbox.control.configure({ processingMs: 600_000 });
    const first = await instance();
    const user = new Browser(first);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const { job, link } = (await user.post('/api/links', { loginId })).json();
    await eventually(async () => {
      const row = await jobRow(database.db, job.id);
      return row.detail_requested && row.attempts > 0 ? row : undefined;
    }, 'the job to be polling');

    await first.close();
    const paused = await jobRow(database.db, job.id);
    expect(paused).toMatchObject({ state: 'retrieving', lease_owner: null, detail_requested: true });
    await sandbox.control.configure({ processingMs: 150 });

    const second = await instance();
    const resumedUser = new Browser(second).withCookie(user.cookie);
    const finished = await waitForJob(resumedUser, job.id);
    expect(finished.state).toBe('succeeded');
    expect(finished.attempts).toBeGreaterThanOrEqual(paused.attempts);

    expect(await sandbox.control.calls({ endpoint: 'Authorize', loginId })).toHaveLength(1);
    expect(await sandbox.control.calls({ endpoint: 'GetAccountsDetail' })).toHaveLength(1);
    const stored = await transactionsOf(link.id);
    expect(stored?.total).toBe(finished.newTransactions);
    expect(stored?.distinct_ids).toBe(stored?.total);
  });

  it('takes over the job of an instance that died holding its lease, once the lease expires', async () => {
    const flinks = clientFor(sandbox);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const creator = await instance({}, false);
    const user = new Browser(creator);
    const { job } = (await user.post('/api/links', { loginId })).json();

    // What the dead instance had done: authorised, and sent the data request (its 202 was the last word).
    const authorized = await flinks.authorize({ loginId, mostRecentCached: true });
    if (authorized.kind !== 'authorized') throw new Error('cached authorisation asked for MFA');
    const stop = new AbortController();
    await flinks
      .getAccountsDetail(
        authorized.requestId,
        { withTransactions: true },
        { signal: stop.signal, onPending: () => stop.abort() },
      )
      .catch(() => undefined);
    await database.db.query(
      `UPDATE jobs SET state = 'retrieving', request_id = $2, detail_requested = true, lease_owner = 'dead-instance',
         lease_expires_at = now() + interval '300 milliseconds', started_at = now(),
         deadline_at = now() + interval '1 minute'
       WHERE id = $1`,
      [job.id, authorized.requestId],
    );

    const survivor = await instance();
    const finished = await waitForJob(new Browser(survivor).withCookie(user.cookie), job.id);
    expect(finished.state).toBe('succeeded');
    expect(await sandbox.control.calls({ endpoint: 'Authorize', loginId })).toHaveLength(1);
    expect(await sandbox.control.calls({ endpoint: 'GetAccountsDetail' })).toHaveLength(1);
  });

  it('never runs a job twice with two runners on one database', async () => {
    const [one, two] = await Promise.all([instance(), instance()]);
    const users = await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        const user = new Browser(index % 2 === 0 ? one : two);
        const { loginId } = await sandbox.control.createLogin('test_pending');
        const { job, link } = (await user.post('/api/links', { loginId })).json();
        return { user, job, link, loginId };
      }),
    );
    for (const { user, job } of users) expect((await waitForJob(user, job.id)).state).toBe('succeeded');
    for (const { loginId, link } of users) {
      expect(await sandbox.control.calls({ endpoint: 'Authorize', loginId })).toHaveLength(1);
      const stored = await transactionsOf(link.id);
      expect(stored?.distinct_ids).toBe(stored?.total);
    }
    expect(await sandbox.control.calls({ endpoint: 'GetAccountsDetail' })).toHaveLength(users.length);
  });

  it('stops a job whose lease was taken, leaving the row to its new owner', async () => {
    await sandbox.control.configure({ processingMs: 60_000 });
    const app = await instance({ JOB_LEASE_MS: '1500' });
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const { job } = (await user.post('/api/links', { loginId })).json();
    await eventually(
      async () => ((await jobRow(database.db, job.id)).detail_requested ? true : undefined),
      'polling',
    );

    // Another live instance holds the job now: its row in job_runners renews its lease.
    await database.db.query(
      "INSERT INTO job_runners (owner, capacity, expires_at) VALUES ('usurper', 1, now() + interval '1 hour')",
    );
    await database.db.query("UPDATE jobs SET lease_owner = 'usurper' WHERE id = $1", [job.id]);
    await eventually(async () => (app.jobRunner.size === 0 ? true : undefined), 'the runner to let go');
    await sandbox.control.configure({ processingMs: 0 });
    const polls = (await sandbox.control.calls({ endpoint: 'GetAccountsDetailAsync' })).length;
    await expect(
      updateOwnedJob(database.db, job.id, app.jobRunner.owner, { state: 'failed' }),
    ).rejects.toBeInstanceOf(LeaseLostError);
    const row = await jobRow(database.db, job.id);
    expect(row).toMatchObject({ state: 'retrieving', lease_owner: 'usurper' });

    // The new owner "dies": once its lease lapses the job is claimed again and finishes, once.
    await database.db.query(
      "UPDATE job_runners SET expires_at = now() - interval '1 second' WHERE owner = 'usurper'",
    );
    const finished = await waitForJob(user, job.id);
    expect(finished.state).toBe('succeeded');
    expect((await sandbox.control.calls({ endpoint: 'GetAccountsDetailAsync' })).length).toBeGreaterThan(
      polls,
    );
    expect(await sandbox.control.calls({ endpoint: 'GetAccountsDetail' })).toHaveLength(1);
  });

  it('leaves the link consistent when its job crashes: both end failed with INTERNAL, together', async () => {
    const app = await instance({}, false);
    const user = new Browser(app);
    const { job, link } = (await user.post('/api/links', { loginId: crypto.randomUUID() })).json();
    const runner = new JobRunner({
      db: app.db,
      log: app.log,
      owner: 'crashing-runner',
      execute: async () => {
        throw new TypeError('a bug in the executor');
      },
      concurrency: 10,
      leaseMs: 3_000,
      claimIntervalMs: 50,
      jobTimeoutMs: 60_000,
      mfaExpiredMessage: 'expired',
    });
    runner.start();
    try {
      const failed = await waitForJob(user, job.id);
      expect(failed.error?.code).toBe('INTERNAL');
    } finally {
      await runner.stop();
    }
    const linked = (await user.get(`/api/links/${link.id}`)).json().link;
    expect(linked.status).toBe('error');
    expect(linked.lastError?.code).toBe('INTERNAL');
  });

  it('runs every job once, with one Authorize and one GetAccountsDetail, when its database answers late', async () => {
    // The database answers lease renewals later than a lease lasts, as a single busy connection does: no lease
    // is renewed in time, yet with nobody else to take the jobs over each must still run once.
    const leaseMs = 1_000;
    const slowed: Database = {
      ...database.db,
      query: async (text, params) => {
        if (/INSERT INTO job_runners/.test(text)) await sleep(leaseMs * 2);
        return database.db.query(text, params);
      },
    };
    await sandbox.control.configure({ processingMs: 3_000 });
    const app = await appOn(sandbox, slowed, { JOB_LEASE_MS: String(leaseMs), JOB_CLAIM_INTERVAL_MS: '50' });
    apps.push(app);
    const links = await linkedAtOnce(app, 4);
    for (const { user, job, loginId } of links) {
      expect((await waitForJob(user, job.id)).state).toBe('succeeded');
      expect(await sandbox.control.calls({ endpoint: 'Authorize', loginId })).toHaveLength(1);
    }
    expect(await sandbox.control.calls({ endpoint: 'GetAccountsDetail' })).toHaveLength(links.length);
  });

  it('renews the leases of all its jobs with one write of its own row, never one of each job', async () => {
    // Every write of a job's lease expiry that leaves its owner as it was (a renewal) is counted, for this test.
    const renewal = `OLD.lease_owner IS NOT DISTINCT FROM NEW.lease_owner AND NEW.lease_owner IS NOT NULL
      AND OLD.lease_expires_at IS DISTINCT FROM NEW.lease_expires_at`;
    await countingUpdates(
      database.db,
      'jobs',
      async (writesSoFar) => {
        await sandbox.control.configure({ processingMs: 600_000 });
        const leaseMs = 1_000;
        const app = await instance({ JOB_LEASE_MS: String(leaseMs) });
        const jobs = (await linkedAtOnce(app, 6)).map((link) => link.job);
        const runnerExpiry = async () =>
          (
            await database.db.query<{ expires_at: Date }>(
              'SELECT expires_at FROM job_runners WHERE owner = $1',
              [app.jobRunner.owner],
            )
          ).rows[0]?.expires_at.getTime() ?? 0;
        await eventually(
          async () => (app.jobRunner.size === jobs.length ? true : undefined),
          'every job to run',
        );
        const before = await runnerExpiry();
        // Several leases' worth of heartbeats.
        await sleep(leaseMs * 4);
        expect(await runnerExpiry()).toBeGreaterThan(before);
        expect((await writesSoFar()).size).toBe(0);
        // Held past their own claim's expiry, the running jobs are still nobody else's.
        const held = await database.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM jobs WHERE lease_owner = $1 AND lease_expires_at < now()',
          [app.jobRunner.owner],
        );
        expect(held.rows[0]?.n).toBe(jobs.length);
        const other = await instance();
        await sleep(leaseMs * 2);
        expect(other.jobRunner.size).toBe(0);
        expect(app.jobRunner.size).toBe(jobs.length);
      },
      renewal,
    );
  });

  it('finishes every job once, alone, after losing its database for longer than a lease', async () => {
    const leaseMs = 1_000;
    const outage = severable(database.db, () => new DatabaseError('08006', 'connection lost'));
    await sandbox.control.configure({ processingMs: 3_000 });
    const app = await appOn(sandbox, outage.db, {
      JOB_LEASE_MS: String(leaseMs),
      JOB_CLAIM_INTERVAL_MS: '50',
    });
    apps.push(app);
    const links = await linkedAtOnce(app, 3);
    await eventually(async () => {
      const { rows } = await database.db.query(
        'SELECT 1 FROM jobs WHERE id = ANY($1::uuid[]) AND detail_requested',
        [links.map(({ job }) => job.id)],
      );
      return rows.length === links.length ? true : undefined;
    }, 'every job to be polling');
    outage.sever();
    await sleep(leaseMs * 3);
    outage.restore();
    for (const { user, job, loginId } of links) {
      expect((await waitForJob(user, job.id)).state).toBe('succeeded');
      expect(await sandbox.control.calls({ endpoint: 'Authorize', loginId })).toHaveLength(1);
    }
    expect(await sandbox.control.calls({ endpoint: 'GetAccountsDetail' })).toHaveLength(links.length);
  });
});
