/**
 * Many concurrent link jobs in one instance, against the emulator running in a process of its own.
 *
 *  1. Waiting: N jobs whose data never becomes ready, all polling at once — what a waiting job costs
 *     (JS heap and RSS per job, event-loop delay while they poll).
 *  2. Completion: N jobs on a processing time P and a poll interval I — how long until all are stored,
 *     against the floor P + I; when the last data became available at Flinks (from the emulator's call log,
 *     separating waiting on Flinks from storing); peak RSS; event-loop delay; upstream calls.
 *
 *   pnpm --filter @passbook/server bench:jobs
 *   BENCH_JOBS=10000 BENCH_PROCESSING_MS=5000 BENCH_POLL_MS=1000 BENCH_PHASES=waiting … (BENCH_DATABASE_URL
 *   adds PostgreSQL)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { SandboxControl } from '@passbook/flinks-sandbox';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { testConfig } from '../test/helpers/config.ts';
import { machine, withLoopDelay } from './load.ts';

const JOBS = Number(process.env.BENCH_JOBS ?? 1_000);
const PROCESSING_MS = Number(process.env.BENCH_PROCESSING_MS ?? 5_000);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 1_000);
const USERNAME = process.env.BENCH_USERNAME ?? 'greatday_nomfa';
const MB = 2 ** 20;

async function startEmulator(): Promise<{ child: ChildProcess; url: string }> {
  const entry = new URL('../../../packages/flinks-sandbox/src/main.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: {
      ...process.env,
      SANDBOX_PORT: '0',
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_PROCESSING_MS: String(PROCESSING_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = child.stdout;
  if (!stdout) throw new Error('no stdout from the emulator');
  for await (const line of createInterface({ input: stdout })) {
    const match = /listening on (http:\/\/\S+)/.exec(line);
    if (match?.[1]) return { child, url: match[1] };
  }
  throw new Error('the emulator did not start');
}

async function inBatches<T>(count: number, size: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += size) {
    const batch = Array.from({ length: Math.min(size, count - start) }, (_, offset) => task(start + offset));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Exact heap figures need `node --expose-gc` (the package script passes it). */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startApp(db: Database, emulatorUrl: string): Promise<FastifyInstance> {
  const app = await buildApp(
    testConfig({
      FLINKS_API_URL: emulatorUrl,
      FLINKS_CONNECT_URL: `${emulatorUrl}/v2/`,
      FLINKS_POLL_INTERVAL_MS: String(POLL_MS),
      FLINKS_POLL_TIMEOUT_MS: String(60 * 60_000),
      JOB_CONCURRENCY: String(JOBS),
      JOB_LEASE_MS: '30000',
      JOB_CLAIM_INTERVAL_MS: '200',
      RATE_LIMIT_MAX: String(10 * JOBS),
    }),
    { database: db },
  );
  await app.ready();
  return app;
}

/** Links N fresh logins of USERNAME, each for a user of its own. */
async function linkAll(app: FastifyInstance, control: SandboxControl): Promise<void> {
  const logins = await inBatches(JOBS, 100, () => control.createLogin(USERNAME));
  await inBatches(JOBS, 200, async (index) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/links',
      headers: { origin: 'http://passbook.test' },
      payload: { loginId: logins[index]?.loginId },
    });
    if (response.statusCode !== 202) throw new Error(`POST /api/links answered ${response.statusCode}`);
  });
}

async function countJobs(db: Database) {
  const { rows } = await db.query<{ unfinished: number; polling: number }>(
    `SELECT count(*) FILTER (WHERE state NOT IN ('succeeded', 'failed')) AS unfinished,
       count(*) FILTER (WHERE state = 'retrieving' AND attempts > 0) AS polling FROM jobs`,
  );
  return rows[0] ?? { unfinished: 0, polling: 0 };
}

async function waiting(db: Database, emulatorUrl: string) {
  const control = new SandboxControl(emulatorUrl);
  await control.reset();
  await control.configure({ processingMs: 24 * 3_600_000 });
  const app = await startApp(db, emulatorUrl);
  collectGarbage();
  const before = process.memoryUsage();
  await linkAll(app, control);
  while ((await countJobs(db)).polling < JOBS) await sleep(200);
  const { p99, max } = await withLoopDelay(() => sleep(3 * POLL_MS));
  collectGarbage();
  const after = process.memoryUsage();
  await app.close();
  await db.query('DELETE FROM links');
  return {
    heapPerJobKb: (after.heapUsed - before.heapUsed) / 1024 / JOBS,
    rssPerJobKb: (after.rss - before.rss) / 1024 / JOBS,
    loopP99: p99,
    loopMax: max,
  };
}

async function completion(db: Database, emulatorUrl: string) {
  const control = new SandboxControl(emulatorUrl);
  await control.reset();
  const app = await startApp(db, emulatorUrl);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const logins = await inBatches(JOBS, 100, () => control.createLogin(USERNAME));
  const started = Date.now();
  const { p99, max } = await withLoopDelay(async () => {
    await inBatches(JOBS, 200, async (index) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/links',
        headers: { origin: 'http://passbook.test' },
        payload: { loginId: logins[index]?.loginId },
      });
      if (response.statusCode !== 202) throw new Error(`POST /api/links answered ${response.statusCode}`);
    });
    while ((await countJobs(db)).unfinished > 0) await sleep(100);
  });
  const completionMs = Date.now() - started;
  clearInterval(sampler);

  const { rows: jobs } = await db.query<{ state: string; ms: number }>(
    'SELECT state, (extract(epoch FROM finished_at - created_at) * 1000)::bigint AS ms FROM jobs',
  );
  const { rows: stored } = await db.query<{ transactions: number }>(
    'SELECT count(*) AS transactions FROM transactions',
  );
  const calls = await control.calls();
  const count = (endpoint: string) => calls.filter((call) => call.endpoint === endpoint).length;
  const lastData = Math.max(
    ...calls
      .filter((call) => call.endpoint === 'GetAccountsDetailAsync' && call.status === 200)
      .map((call) => Date.parse(call.at)),
  );
  const durations = jobs.map((job) => job.ms).sort((a, b) => a - b);
  await app.close();
  await db.query('DELETE FROM links');
  return {
    succeeded: jobs.filter((job) => job.state === 'succeeded').length,
    failed: jobs.filter((job) => job.state === 'failed').length,
    completionMs,
    lastDataMs: lastData - started,
    p50: percentile(durations, 50),
    p99: percentile(durations, 99),
    peakRssMb: peak / MB,
    loopP99: p99,
    loopMax: max,
    transactions: stored[0]?.transactions ?? 0,
    calls: `${count('Authorize')} Authorize, ${count('GetAccountsDetail')} GetAccountsDetail, ${count('GetAccountsDetailAsync')} GetAccountsDetailAsync`,
  };
}

/** `waiting`, `completion` or both (the default), comma-separated. */
const PHASES = new Set((process.env.BENCH_PHASES ?? 'waiting,completion').split(','));

async function measure(engine: string, db: Database, emulatorUrl: string) {
  return {
    engine,
    waiting: PHASES.has('waiting') ? await waiting(db, emulatorUrl) : null,
    completion: PHASES.has('completion') ? await completion(db, emulatorUrl) : null,
  };
}

const emulator = await startEmulator();
const results = [];
try {
  const pglite = await openPglite(null);
  results.push(await measure('PGlite (in process)', pglite, emulator.url));
  await pglite.close();
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = `bench_${crypto.randomUUID().replaceAll('-', '')}`;
    const admin = await openPostgres(url);
    await admin.query(`CREATE SCHEMA ${schema}`);
    const postgres = await openPostgres(url, { schema, maxConnections: 20 });
    try {
      await migrate(postgres);
      results.push(await measure('PostgreSQL', postgres, emulator.url));
    } finally {
      await postgres.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  }
} finally {
  emulator.child.kill('SIGTERM');
  await once(emulator.child, 'exit');
}

const floor = PROCESSING_MS + POLL_MS;
const ms = (value: number) => `${(value / 1000).toFixed(1)} s`;
console.log(`${JOBS} concurrent link jobs (${USERNAME}) in one instance; emulator in its own process`);
console.log(`  ${machine()}`);
console.log(`  processing ${PROCESSING_MS} ms + poll interval ${POLL_MS} ms = floor ${ms(floor)}`);
for (const { engine, waiting: w, completion: c } of results) {
  console.log(`  ${engine}`);
  if (w) {
    console.log(
      `    waiting: ${w.heapPerJobKb.toFixed(1)} KB heap and ${w.rssPerJobKb.toFixed(1)} KB RSS per polling job; ` +
        `event-loop delay p99 ${w.loopP99.toFixed(1)} ms, max ${w.loopMax.toFixed(1)} ms`,
    );
  }
  if (!c) continue;
  console.log(
    `    completion: ${c.succeeded} succeeded, ${c.failed} failed, ${c.transactions} transactions stored; ` +
      `last data ready at Flinks after ${ms(c.lastDataMs)} (${(c.lastDataMs / floor).toFixed(2)}× floor), ` +
      `all stored after ${ms(c.completionMs)} (${(c.completionMs / floor).toFixed(2)}× floor)`,
  );
  console.log(
    `    per job p50 ${ms(c.p50)}, p99 ${ms(c.p99)}; peak RSS ${c.peakRssMb.toFixed(0)} MB; ` +
      `event-loop delay p99 ${c.loopP99.toFixed(1)} ms, max ${c.loopMax.toFixed(1)} ms`,
  );
  console.log(`    upstream: ${c.calls}`);
}
