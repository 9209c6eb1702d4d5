/**
 * The built server against the built emulator's fault injection: 5xx bursts, hangs past the client timeout,
 * dropped connections, malformed bodies, sessions expiring mid-poll, webhooks duplicated, late, reordered and
 * mis-signed, and the server itself stopped mid-job (SIGTERM, SIGKILL) and started again. Each fault runs
 * several jobs; at the end the database is checked against the emulator's data: every job completed correctly
 * (succeeded with exactly Flinks' data, or failed with the code the fault calls for), nothing lost, nothing
 * stored twice. A table of it is printed. On PGlite always, on PostgreSQL too when TEST_DATABASE_URL is set.
 */
import type { SandboxFault } from '@passbook/flinks-sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { eventually } from '../helpers/stack.ts';
import {
  createDataDir,
  createPostgresDatabase,
  type DataDir,
  type PostgresDatabase,
  TEST_DATABASE_URL,
} from './support/database.ts';
import { HttpUser } from './support/http.ts';
import { compare, emulatorData, jobRecords, storedData, successLogs } from './support/ledger.ts';
import {
  type Emulator,
  emulatorEnv,
  killAll,
  type Server,
  startEmulator,
  startServer,
} from './support/processes.ts';

const PUBLIC_URL = 'http://passbook.test';
const WEBHOOK_SECRET = 'faults-webhook-secret-shared-by-both-sides';
const PROCESSING_MS = 200;
/** Long enough that no retrieval completes until the test releases it. */
const HELD_PROCESSING_MS = 600_000;
const REQUEST_TIMEOUT_MS = 1_500;
const JOBS_PER_FAULT = 3;

type Outcome = { state: 'succeeded' } | { state: 'failed'; code: string };
const SUCCEEDS: Outcome = { state: 'succeeded' };

interface TrackedJob {
  jobId: string;
  linkId: string;
  loginId: string;
  outcome: Outcome;
}

interface Row {
  fault: string;
  run: number;
  completed: number;
  lost: number;
  duplicates: number;
}

const tables: Array<{ engine: string; rows: Row[] }> = [];

function table(engine: string, rows: Row[]): string {
  const header = ['fault', 'jobs run', 'completed correctly', 'data lost', 'duplicates'];
  const cells = rows.map((row) => [row.fault, row.run, row.completed, row.lost, row.duplicates].map(String));
  const widths = header.map((name, column) =>
    Math.max(name.length, ...cells.map((line) => line[column]?.length ?? 0)),
  );
  const line = (values: string[]) =>
    `| ${values.map((value, column) => (column === 0 ? value.padEnd(widths[column] ?? 0) : value.padStart(widths[column] ?? 0))).join(' | ')} |`;
  return [
    `Faults on ${engine}`,
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...cells.map(line),
  ].join('\n');
}

afterAll(() => {
  for (const { engine, rows } of tables) console.log(`\n${table(engine, rows)}\n`);
});

const ENGINES = TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(ENGINES)('faults on %s', (engine) => {
  let emulator: Emulator;
  let storage: { dataDir: DataDir } | { database: PostgresDatabase };
  let server: Server;
  const servers: Server[] = [];
  const scenarios = new Map<string, TrackedJob[]>();

  function storageEnv(): Record<string, string> {
    return 'dataDir' in storage
      ? { DATA_DIR: storage.dataDir.path }
      : {
          DATABASE_URL: storage.database.url,
          SESSION_SECRET: 'faults-session-secret-of-enough-length',
          ENCRYPTION_KEY: 'ab'.repeat(32),
        };
  }

  async function startOurServer(): Promise<void> {
    server = await startServer(
      {
        ...storageEnv(),
        ...emulatorEnv(emulator),
        PUBLIC_URL,
        FLINKS_WEBHOOK_SECRET: WEBHOOK_SECRET,
        FLINKS_POLL_INTERVAL_MS: '100',
        FLINKS_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        JOB_LEASE_MS: '1500',
        JOB_CLAIM_INTERVAL_MS: '100',
        RATE_LIMIT_MAX: '10000',
      },
      `server ${servers.length + 1} on ${engine}`,
    );
    servers.push(server);
  }

  beforeAll(async () => {
    const [started, database] = await Promise.all([
      startEmulator({ SANDBOX_PROCESSING_MS: String(PROCESSING_MS) }),
      engine === 'postgres' ? createPostgresDatabase() : null,
    ]);
    emulator = started;
    storage = database ? { database } : { dataDir: createDataDir() };
    await startOurServer();
  });

  afterEach(async () => {
    await emulator.control.clearFaults();
    await emulator.control.configure({ processingMs: PROCESSING_MS, webhook: null });
  });

  afterAll(async () => {
    await killAll();
    if (!storage) return;
    if ('dataDir' in storage) storage.dataDir.remove();
    else await storage.database.drop();
  });

  /** A person who opened Connect once, so that the jobs they start together are all theirs. */
  async function newUser(): Promise<HttpUser> {
    const user = new HttpUser(() => server.url, PUBLIC_URL);
    expect((await user.post('/api/connect/token')).status).toBe(200);
    return user;
  }

  let logins = 0;
  /** A login of its own each time (`+n`): one person's several links are several bank logins. */
  async function startLink(user: HttpUser, username = 'greatday_nomfa') {
    logins += 1;
    const { loginId } = await emulator.control.createLogin(`${username}+${logins}`);
    return { loginId, ...(await user.link(loginId)) };
  }

  /** A link whose first retrieval has succeeded: what a refresh starts from. Not counted in the table. */
  async function linked(user: HttpUser) {
    const started = await startLink(user);
    expect((await user.waitForJob(started.jobId)).state).toBe('succeeded');
    return started;
  }

  async function arm(...faults: SandboxFault[]) {
    for (const fault of faults) await emulator.control.injectFault(fault);
  }

  /** Waits for the jobs to finish, checks each as the page would see it, and records them for the table. */
  async function settle(
    fault: string,
    user: HttpUser,
    jobs: Array<Omit<TrackedJob, 'outcome'>>,
    outcome: Outcome,
  ) {
    for (const job of jobs) {
      const finished = await user.waitForJob(job.jobId);
      if (outcome.state === 'succeeded')
        expect(finished, fault).toMatchObject({ state: 'succeeded', error: null });
      else expect(finished, fault).toMatchObject({ state: 'failed', error: { code: outcome.code } });
      scenarios.set(fault, [...(scenarios.get(fault) ?? []), { ...job, outcome }]);
    }
  }

  /** The RequestId of the LoginId's `nth` session, once a GetAccountsDetailAsync poll has been seen on it. */
  function polling(loginId: string, nth = 1): Promise<string> {
    return eventually(async () => {
      const calls = await emulator.control.calls({ loginId });
      const sessions = calls.filter((call) => call.endpoint === 'Authorize' && call.status === 200);
      const requestId = sessions[nth - 1]?.requestId;
      const polled = calls.some(
        (call) => call.endpoint === 'GetAccountsDetailAsync' && call.requestId === requestId,
      );
      return polled ? requestId : undefined;
    }, `session ${nth} of a login to be polled`);
  }

  async function sessionOf(loginId: string): Promise<string> {
    const [post] = await emulator.control.calls({ endpoint: 'GetAccountsDetail', loginId });
    if (!post?.requestId) throw new Error('no GetAccountsDetail for this login');
    return post.requestId;
  }

  async function expectAllFaultsApplied() {
    expect(await emulator.control.faults()).toEqual([]);
  }

  function webhookTo(secret = WEBHOOK_SECRET) {
    return emulator.control.configure({
      webhook: { url: `${server.url}/api/webhooks/flinks`, secret, maxAttempts: 1 },
    });
  }

  /** Waits until the emulator has settled `count` deliveries of this request, and returns them. */
  function deliveries(requestId: string, count: number) {
    return eventually(async () => {
      const done = await emulator.control.webhookDeliveries({ requestId });
      return done.length >= count ? done : undefined;
    }, `${count} webhook deliveries`);
  }

  const several = <T>(make: () => Promise<T>) => Promise.all(Array.from({ length: JOBS_PER_FAULT }, make));

  it('rides out 5xx bursts on every endpoint', async () => {
    const user = await newUser();
    await arm(
      { endpoint: 'GetAccountsDetailAsync', kind: 'status', status: 503, count: 4 },
      { endpoint: 'Authorize', kind: 'status', status: 502, count: 1 },
      { endpoint: 'GetAccountsDetail', kind: 'flinks', flinksCode: 'AGGREGATION_ERROR', count: 1 },
    );
    await settle('5xx bursts', user, await several(() => startLink(user)), SUCCEEDS);
    await expectAllFaultsApplied();
  });

  it('times out calls that hang past FLINKS_REQUEST_TIMEOUT_MS, and retries them', async () => {
    const user = await newUser();
    await arm(
      { endpoint: 'Authorize', kind: 'hang', count: 1 },
      { endpoint: 'GetAccountsDetail', kind: 'hang', count: 1 },
      { endpoint: 'GetAccountsDetailAsync', kind: 'hang', count: 2 },
    );
    await settle('hangs past the client timeout', user, await several(() => startLink(user)), SUCCEEDS);
    await expectAllFaultsApplied();
  });

  it('retries dropped connections', async () => {
    const user = await newUser();
    await arm(
      { endpoint: 'Authorize', kind: 'drop', count: 1 },
      { endpoint: 'GetAccountsDetail', kind: 'drop', count: 1 },
      { endpoint: 'GetAccountsDetailAsync', kind: 'drop', count: 3 },
    );
    await settle('dropped connections', user, await several(() => startLink(user)), SUCCEEDS);
    await expectAllFaultsApplied();
  });

  for (const variant of ['invalid-json', 'wrong-shape'] as const) {
    const fault = `malformed bodies: ${variant === 'invalid-json' ? 'invalid JSON' : 'wrong shape'}`;
    it(`looks again at one garbled poll, and fails with MALFORMED_RESPONSE past that (${variant})`, async () => {
      const user = await newUser();
      // One job at a time: each fault must meet the job it is meant for.
      await arm({ endpoint: 'GetAccountsDetailAsync', kind: 'malformed', variant, count: 1 });
      await settle(fault, user, [await startLink(user)], SUCCEEDS);
      const failed = { state: 'failed', code: 'MALFORMED_RESPONSE' } as const;
      await arm({ endpoint: 'GetAccountsDetailAsync', kind: 'malformed', variant, count: 3 });
      await settle(fault, user, [await startLink(user)], failed);
      await arm({ endpoint: 'Authorize', kind: 'malformed', variant, count: 1 });
      await settle(fault, user, [await startLink(user)], failed);
      await expectAllFaultsApplied();
    });
  }

  it('re-authorises when a session expires mid-poll, and gives up after three times', async () => {
    await emulator.control.configure({ processingMs: HELD_PROCESSING_MS });
    const user = await newUser();
    const recovering = await several(() => startLink(user));
    const doomed = await startLink(user);
    await Promise.all(
      recovering.map(async ({ loginId }) => {
        await polling(loginId, 1);
        expect((await emulator.control.expireSession({ loginId })).expired).toBe(1);
        await polling(loginId, 2);
      }),
    );
    for (let session = 1; session <= 4; session++) {
      await polling(doomed.loginId, session);
      await emulator.control.expireSession({ loginId: doomed.loginId });
    }
    await settle('sessions expiring mid-poll', user, [doomed], {
      state: 'failed',
      code: 'SESSION_NONEXISTENT',
    });
    await emulator.control.configure({ processingMs: PROCESSING_MS });
    await settle('sessions expiring mid-poll', user, recovering, SUCCEEDS);
    for (const [job, sessions] of [...recovering.map((one) => [one, 2] as const), [doomed, 4] as const]) {
      const authorizations = await emulator.control.calls({ endpoint: 'Authorize', loginId: job.loginId });
      expect(authorizations).toHaveLength(sessions);
    }
  });

  it('stores a result once however often its webhook is delivered', async () => {
    await webhookTo();
    const user = await newUser();
    const jobs = await several(() => startLink(user));
    await settle('webhooks duplicated', user, jobs, SUCCEEDS);
    for (const { loginId } of jobs) {
      const requestId = await sessionOf(loginId);
      await emulator.control.deliverWebhook({ requestId, times: 3 });
      const settled = await deliveries(requestId, 4);
      expect(settled.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200]);
    }
  });

  it('changes nothing when a webhook arrives after the poll stored the result', async () => {
    const user = await newUser();
    const jobs = await several(() => startLink(user));
    await settle('webhooks late (after the poll)', user, jobs, SUCCEEDS);
    await webhookTo();
    for (const [index, { loginId }] of jobs.entries()) {
      const requestId = await sessionOf(loginId);
      await emulator.control.deliverWebhook({ requestId, delayMs: 50 * (jobs.length - index) });
    }
    for (const { loginId } of jobs) {
      expect((await deliveries(await sessionOf(loginId), 1)).map((delivery) => delivery.status)).toEqual([
        200,
      ]);
    }
  });

  it('takes a result delivered by webhook before any poll could fetch it', async () => {
    await webhookTo();
    // Every poll hangs: the data can only come through the webhook.
    await arm({ endpoint: 'GetAccountsDetailAsync', kind: 'hang', count: 1_000 });
    const user = await newUser();
    const jobs = await several(() => startLink(user));
    await settle('webhooks reordered (before the poll)', user, jobs, SUCCEEDS);
    for (const { loginId } of jobs) {
      const requestId = await sessionOf(loginId);
      const polls = await emulator.control.calls({ endpoint: 'GetAccountsDetailAsync', requestId });
      expect(polls.filter((call) => call.status === 200)).toEqual([]);
      expect((await deliveries(requestId, 1)).map((delivery) => delivery.status)).toEqual([200]);
    }
  });

  it('refuses mis-signed and unsigned webhooks and finishes by polling', async () => {
    await webhookTo('a-secret-the-server-does-not-share');
    const user = await newUser();
    const jobs = await several(() => startLink(user));
    await settle('webhooks mis-signed', user, jobs, SUCCEEDS);
    for (const { loginId } of jobs) {
      const requestId = await sessionOf(loginId);
      await emulator.control.deliverWebhook({ requestId, badSignature: true });
      await emulator.control.deliverWebhook({ requestId, unsigned: true });
      expect((await deliveries(requestId, 3)).map((delivery) => delivery.status)).toEqual([401, 401, 401]);
      const polls = await emulator.control.calls({ endpoint: 'GetAccountsDetailAsync', requestId });
      expect(polls.some((call) => call.status === 200)).toBe(true);
    }
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`resumes jobs after the server is stopped mid-poll (${signal}) and started again`, async () => {
      const user = await newUser();
      const refreshed = await linked(user);
      await emulator.control.configure({ processingMs: HELD_PROCESSING_MS });
      const links = await Promise.all([startLink(user), startLink(user)]);
      const refresh = { ...refreshed, jobId: await user.refresh(refreshed.linkId) };
      await Promise.all([...links.map(({ loginId }) => polling(loginId, 1)), polling(refresh.loginId, 2)]);

      const exit = await server.process.stop(signal);
      expect(exit).toEqual(signal === 'SIGTERM' ? { code: 0, signal: null } : { code: null, signal });
      await startOurServer();
      await emulator.control.configure({ processingMs: PROCESSING_MS });
      const jobs = [...links, refresh];
      await settle(`server restart mid-job (${signal})`, user, jobs, SUCCEEDS);

      // Resumed where it stood: no second session, no second retrieval request.
      for (const { loginId } of jobs) {
        const calls = await emulator.control.calls({ loginId });
        const expected = loginId === refresh.loginId ? 2 : 1;
        expect(calls.filter((call) => call.endpoint === 'Authorize')).toHaveLength(expected);
        expect(calls.filter((call) => call.endpoint === 'GetAccountsDetail')).toHaveLength(expected);
      }
    });
  }

  it('loses and duplicates nothing under any fault', async () => {
    await server.process.stop('SIGTERM');
    let db: Database;
    if ('dataDir' in storage) db = await storage.dataDir.open();
    else db = storage.database.db;
    try {
      const records = await jobRecords(db);
      const stored = await storedData(db);
      const tracked = [...scenarios.values()].flat();
      const succeeded = tracked.filter((job) => job.outcome.state === 'succeeded');
      const flinks = await emulatorData(emulator.url, [...new Set(succeeded.map((job) => job.loginId))]);
      const logs = servers.flatMap((one) => one.process.logLines());

      const rows: Row[] = [...scenarios].map(([fault, jobs]) => {
        let completed = 0;
        let lost = 0;
        let duplicates = 0;
        for (const job of jobs) {
          const record = records.get(job.jobId);
          const storedRows = [...(stored.get(job.linkId)?.values() ?? [])].flat().length;
          duplicates += Math.max(0, successLogs(logs, job.jobId) - 1);
          if (job.outcome.state === 'succeeded') {
            const comparison = compare(stored.get(job.linkId), flinks.get(job.loginId) ?? new Map());
            lost += comparison.lost;
            duplicates += comparison.duplicates;
            const exact = comparison.lost === 0 && comparison.duplicates === 0 && comparison.expected > 0;
            if (record?.state === 'succeeded' && exact) completed += 1;
          } else if (
            record?.state === 'failed' &&
            record.error_code === job.outcome.code &&
            // A failed first retrieval stores nothing at all: no half of an answer.
            storedRows === 0
          ) {
            completed += 1;
          }
        }
        return { fault, run: jobs.length, completed, lost, duplicates };
      });
      tables.push({ engine, rows });

      expect(rows).toHaveLength(12);
      expect(rows).toEqual(rows.map((row) => ({ ...row, completed: row.run, lost: 0, duplicates: 0 })));
      expect([...records.values()].filter((job) => job.lease_owner !== null)).toEqual([]);
    } finally {
      if ('dataDir' in storage) await db.close();
    }
  });
});
