/**
 * Link jobs at scale. Each server instance runs in a process of its own (this file, started with `instance`),
 * the emulator in another; this process only drives them over HTTP and reads their figures.
 *
 *  1. Completion: N standard logins (a year of five accounts each) linked at once, on a processing time P and
 *     a poll interval I, in one instance on PGlite (on a data directory, as deployed) and (with a PostgreSQL URL) one on PostgreSQL —
 *     how long until every job is stored, against the floor P + I; when the last data was
 *     ready at Flinks; the instance's peak RSS and event-loop delay; upstream calls.
 *  2. The scale curve: 100, 1,000 and 10,000 link jobs pending at once, at Flinks' 10 s poll interval, in one
 *     instance on PGlite, then split over two instances on PostgreSQL. Logins are small ones (the chequing
 *     account's last week), so that storing 10,000 of them measures the jobs rather than the volume. Per
 *     point: memory per pending job (heap and RSS after GC, over the idle instance), event-loop delay p99 while
 *     every job polls once (against the same instance idle), and the completion lag — from the instant the
 *     emulator's data is ready (all at once) to each job being stored — p50/p99/max; it includes the wait for
 *     each job's next poll, up to one interval.
 *
 *   pnpm --filter @passbook/server bench:jobs
 *   BENCH_PHASES=completion,scale  BENCH_JOBS=1000 BENCH_PROCESSING_MS=5000 BENCH_POLL_MS=1000 (completion)
 *   BENCH_SCALE=100,1000,10000 BENCH_SCALE_POLL_MS=10000 (scale curve)
 *   BENCH_DATABASE_URL or TEST_DATABASE_URL: PostgreSQL for the two-instance curve (a schema of its own)
 *   BENCH_ENGINE=PGlite or PostgreSQL: that engine's runs only
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SandboxControl } from '@passbook/flinks-sandbox';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import { openPgliteWorker } from '../src/db/pglite-worker.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { TEST_PUBLIC_URL, testConfig } from '../test/helpers/config.ts';
import { type LoopDelay, loopDelayMonitor, machine, report } from './load.ts';

const MB = 2 ** 20;
const DAY_MS = 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------
// A server instance, in its own process

interface InstanceDatabase {
  url: string;
  schema: string;
}

interface Memory {
  rss: number;
  heapUsed: number;
}

/** What the driving process may ask an instance, over the IPC channel. */
function instanceCommands(app: Awaited<ReturnType<typeof buildApp>>, db: Database) {
  const gc = (globalThis as { gc?: () => void }).gc;
  const loop = loopDelayMonitor();
  let peak = 0;
  let sampler: NodeJS.Timeout | undefined;
  return {
    memory(): Memory {
      gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      return { rss, heapUsed };
    },
    loopStart(): null {
      loop.start();
      return null;
    },
    loopStop(): LoopDelay {
      return loop.stop();
    },
    peakStart(): null {
      peak = process.memoryUsage().rss;
      sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 50);
      return null;
    },
    peakStop(): number {
      clearInterval(sampler);
      return peak;
    },
    running(): number {
      return app.jobRunner.size;
    },
    async query(text: string, params: unknown[] = []): Promise<unknown[]> {
      return (await db.query(text, params)).rows;
    },
  };
}
type Commands = ReturnType<typeof instanceCommands>;

async function runInstance(): Promise<void> {
  const send = (message: unknown, then: () => void = () => {}) => process.send?.(message, then);
  const target = process.env.BENCH_INSTANCE_DATABASE;
  const postgres = target ? (JSON.parse(target) as InstanceDatabase) : null;
  // PGlite on a data directory, as `npm start` runs it: in memory (the tests' choice), every extension of a
  // growing table copies its whole file inside the WebAssembly file system, which a deployment never does.
  const dataDir = postgres ? null : mkdtempSync(join(tmpdir(), 'passbook-bench-'));
  const db = postgres
    ? await openPostgres(postgres.url, { schema: postgres.schema, maxConnections: 20 })
    : await openPgliteWorker(join(dataDir ?? '', 'pglite'));
  const app = await buildApp(testConfig(JSON.parse(process.env.BENCH_INSTANCE_ENV ?? '{}')), {
    database: db,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const commands = instanceCommands(app, db);
  process.on(
    'message',
    async (message: { id: number; command: keyof Commands | 'close'; args: unknown[] }) => {
      if (message.command === 'close') {
        await app.close();
        await db.close();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
        send({ id: message.id, result: null }, () => process.exit(0));
        return;
      }
      try {
        const run = commands[message.command] as (...args: unknown[]) => unknown;
        send({ id: message.id, result: await run(...message.args) });
      } catch (error) {
        send({ id: message.id, error: String(error) });
      }
    },
  );
  send({ ready: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
}

class Instance {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting || message.id === undefined) return;
      this.pending.delete(message.id);
      if (message.error) waiting.reject(new Error(message.error));
      else waiting.resolve(message.result);
    });
  }

  static async start(env: Record<string, string>, database: InstanceDatabase | null): Promise<Instance> {
    const child = fork(fileURLToPath(import.meta.url), ['instance'], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      env: {
        ...process.env,
        BENCH_INSTANCE_ENV: JSON.stringify(env),
        ...(database ? { BENCH_INSTANCE_DATABASE: JSON.stringify(database) } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const [message] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`a server instance exited with ${code} before listening`);
      }),
    ])) as [{ ready: string }];
    return new Instance(child, message.ready);
  }

  call<K extends keyof Commands>(
    command: K,
    ...args: Parameters<Commands[K]>
  ): Promise<Awaited<ReturnType<Commands[K]>>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, command, args });
    });
  }

  async query<Row>(text: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.call('query', text, params)) as Row[];
  }

  async close(): Promise<void> {
    const exited = once(this.child, 'exit');
    this.child.send({ id: -1, command: 'close', args: [] });
    await exited;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The emulator, in its own process

async function startEmulator(): Promise<{ child: ChildProcess; url: string; control: SandboxControl }> {
  const entry = fileURLToPath(new URL('../../../packages/flinks-sandbox/src/main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = child.stdout;
  if (!stdout) throw new Error('no stdout from the emulator');
  for await (const line of createInterface({ input: stdout })) {
    const match = /listening on (http:\/\/\S+)/.exec(line);
    if (match?.[1]) return { child, url: match[1], control: new SandboxControl(match[1]) };
  }
  throw new Error('the emulator did not start');
}

// ---------------------------------------------------------------------------------------------------------
// Driving

/** Instances sharing a database must share its keys, as real ones do. */
const ENCRYPTION_KEY = randomBytes(32).toString('hex');

function instanceEnv(emulatorUrl: string, pollMs: number, concurrency: number): Record<string, string> {
  return {
    FLINKS_API_URL: emulatorUrl,
    FLINKS_CONNECT_URL: `${emulatorUrl}/v2/`,
    FLINKS_POLL_INTERVAL_MS: String(pollMs),
    FLINKS_POLL_TIMEOUT_MS: String(3_600_000),
    ENCRYPTION_KEY,
    JOB_CONCURRENCY: String(concurrency),
    JOB_LEASE_MS: '30000',
    JOB_CLAIM_INTERVAL_MS: '200',
    RATE_LIMIT_MAX: '1000000',
  };
}

async function inBatches<T>(count: number, size: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += size) {
    const batch = Array.from({ length: Math.min(size, count - start) }, (_, offset) => task(start + offset));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

async function createLogins(control: SandboxControl, count: number, username: string): Promise<string[]> {
  const logins = await inBatches(count, 100, () => control.createLogin(username));
  return logins.map((login) => login.loginId);
}

/**
 * One request over node:http, which has no header timeout: fetch gives up on an answer after 300 s, which
 * ended the whole bench when a loaded machine made one request wait that long. Here a slow answer is timed.
 */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; setCookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (incoming) => {
        incoming.resume();
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, setCookie: incoming.headers['set-cookie']?.[0] }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** POST /api/links for each login, as a browser of its own would, spread over the instances in turn. */
async function linkAll(instances: Instance[], loginIds: string[]): Promise<void> {
  await inBatches(loginIds.length, 100, async (index) => {
    const instance = instances[index % instances.length] as Instance;
    const response = await send(`${instance.url}/api/links`, {
      method: 'POST',
      headers: { origin: TEST_PUBLIC_URL, 'content-type': 'application/json' },
      body: JSON.stringify({ loginId: loginIds[index] }),
    });
    if (response.status !== 202) throw new Error(`POST /api/links answered ${response.status}`);
  });
}

interface JobCounts {
  total: number;
  pending: number;
  finished: number;
}

async function countJobs(instance: Instance): Promise<JobCounts> {
  const [row] = await instance.query<JobCounts>(
    `SELECT count(*)::int AS total,
       count(*) FILTER (WHERE state = 'retrieving' AND detail_requested)::int AS pending,
       count(*) FILTER (WHERE state IN ('succeeded', 'failed'))::int AS finished FROM jobs`,
  );
  if (!row) throw new Error('no job counts');
  return row;
}

async function until(instance: Instance, done: (counts: JobCounts) => boolean): Promise<void> {
  while (!done(await countJobs(instance))) await sleep(250);
}

/**
 * GET /api/links as one dashboard would, one request after the other, until `stop` resolves: the latency
 * people see while the instance works, p50/p99/max in milliseconds.
 */
async function probeLinks(url: string, stop: Promise<unknown>): Promise<LoopDelay & { requests: number }> {
  let done = false;
  stop.finally(() => {
    done = true;
  });
  let cookie = '';
  const latencies: number[] = [];
  while (!done) {
    const started = performance.now();
    const response = await send(`${url}/api/links`, { headers: cookie ? { cookie } : {} });
    latencies.push(performance.now() - started);
    cookie ||= response.setCookie?.split(';')[0] ?? '';
    await sleep(20);
  }
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    requests: latencies.length,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

// ---------------------------------------------------------------------------------------------------------
// 1. Completion

async function completion(
  emulator: { url: string; control: SandboxControl },
  database: InstanceDatabase | null,
) {
  const jobs = Number(process.env.BENCH_JOBS ?? 1_000);
  const processingMs = Number(process.env.BENCH_PROCESSING_MS ?? 5_000);
  const pollMs = Number(process.env.BENCH_POLL_MS ?? 1_000);
  const username = process.env.BENCH_USERNAME ?? 'greatday_nomfa';
  const { control } = emulator;
  await control.reset();
  await control.configure({ processingMs });
  const instance = await Instance.start(instanceEnv(emulator.url, pollMs, jobs), database);
  try {
    // The same dashboard's latency while the instance is idle (as the emulator makes the logins): the baseline.
    await instance.call('loopStart');
    const making = createLogins(control, jobs, username);
    const [logins, idleLinks] = await Promise.all([making, probeLinks(instance.url, making)]);
    const idleLoop = await instance.call('loopStop');
    await instance.call('peakStart');
    await instance.call('loopStart');
    const started = Date.now();
    const finishing = linkAll([instance], logins).then(() =>
      until(instance, (counts) => counts.finished === jobs),
    );
    const [, busyLinks] = await Promise.all([finishing, probeLinks(instance.url, finishing)]);
    const loop = await instance.call('loopStop');
    const peakRss = await instance.call('peakStop');

    const rows = await instance.query<{ state: string; created: number; finished: number }>(
      `SELECT state, extract(epoch FROM created_at) * 1000 AS created,
         extract(epoch FROM finished_at) * 1000 AS finished FROM jobs`,
    );
    const [stored] = await instance.query<{ transactions: number }>(
      'SELECT count(*)::int AS transactions FROM transactions',
    );
    const calls = await control.calls();
    const count = (endpoint: string) => calls.filter((call) => call.endpoint === endpoint).length;
    const lastData = Math.max(
      ...calls
        .filter((call) => call.endpoint === 'GetAccountsDetailAsync' && call.status === 200)
        .map((call) => Date.parse(call.at)),
    );
    const durations = rows.map((row) => Number(row.finished) - Number(row.created)).sort((a, b) => a - b);
    return {
      jobs,
      username,
      processingMs,
      pollMs,
      succeeded: rows.filter((row) => row.state === 'succeeded').length,
      failed: rows.filter((row) => row.state === 'failed').length,
      completionMs: Math.max(...rows.map((row) => Number(row.finished))) - started,
      lastDataMs: lastData - started,
      p50: percentile(durations, 50),
      p99: percentile(durations, 99),
      peakRss,
      loop,
      idleLoop,
      idleLinks,
      busyLinks,
      transactions: stored?.transactions ?? 0,
      calls:
        `${count('Authorize')} Authorize, ${count('GetAccountsDetail')} GetAccountsDetail, ` +
        `${count('GetAccountsDetailAsync')} GetAccountsDetailAsync; per link ` +
        `${(count('Authorize') / jobs).toFixed(2)} Authorize, ${(count('GetAccountsDetail') / jobs).toFixed(2)} GetAccountsDetail (1.00 each expected)`,
    };
  } finally {
    await instance.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// 2. The scale curve

const SCALE_USERNAME = 'test_small_history';
/** How long the idle instance's event-loop delay is sampled, for the side-by-side baseline. */
const IDLE_WINDOW_MS = 3_000;

interface ScalePoint {
  jobs: number;
  deployment: string;
  pollMs: number;
  /** Jobs each instance held while they were pending. */
  split: number[];
  heapPerJob: number;
  rssPerJob: number;
  idleLoop: LoopDelay;
  pendingLoop: LoopDelay;
  completionLoop: LoopDelay;
  lag: { p50: number; p99: number; max: number };
  /** From the poll that found the data to the job being stored. */
  storeLag: { p50: number; p99: number; max: number };
  succeeded: number;
  transactions: number;
  /** How long the point took to run. */
  seconds: number;
}

/** One point of the curve, on instances that start empty of users. */
async function scalePoint(
  control: SandboxControl,
  instances: Instance[],
  jobs: number,
  pollMs: number,
  deployment: string,
): Promise<ScalePoint> {
  const started = Date.now();
  const first = instances[0] as Instance;
  await first.query('DELETE FROM users');
  await control.reset();
  await control.configure({ processingMs: DAY_MS });

  // The instances are idle while the emulator makes the logins: their baseline.
  await Promise.all(instances.map((instance) => instance.call('loopStart')));
  const [logins] = await Promise.all([createLogins(control, jobs, SCALE_USERNAME), sleep(IDLE_WINDOW_MS)]);
  const idleLoops = await Promise.all(instances.map((instance) => instance.call('loopStop')));
  const before = await Promise.all(instances.map((instance) => instance.call('memory')));

  await linkAll(instances, logins);
  await until(first, (counts) => counts.pending === jobs);
  // Every pending job polls once in a window of one interval.
  await Promise.all(instances.map((instance) => instance.call('loopStart')));
  await sleep(pollMs);
  const pendingLoops = await Promise.all(instances.map((instance) => instance.call('loopStop')));
  const after = await Promise.all(instances.map((instance) => instance.call('memory')));
  const split = await Promise.all(instances.map((instance) => instance.call('running')));

  await control.clearCalls();
  await Promise.all(instances.map((instance) => instance.call('loopStart')));
  const readyAt = Date.now();
  await control.configure({ processingMs: 0 });
  await until(first, (counts) => counts.finished === jobs);
  const completionLoops = await Promise.all(instances.map((instance) => instance.call('loopStop')));

  const rows = await first.query<{ request_id: string; state: string; finished: number }>(
    'SELECT request_id, state, extract(epoch FROM finished_at) * 1000 AS finished FROM jobs',
  );
  const [stored] = await first.query<{ transactions: number }>(
    'SELECT count(*)::int AS transactions FROM transactions',
  );
  const foundAt = new Map<string, number>();
  for (const call of await control.calls({ endpoint: 'GetAccountsDetailAsync' })) {
    const key = call.requestId?.toLowerCase();
    if (call.status === 200 && key && !foundAt.has(key)) foundAt.set(key, Date.parse(call.at));
  }
  const lags = rows.map((row) => Number(row.finished) - readyAt).sort((a, b) => a - b);
  const storeLags = rows
    .map((row) => Number(row.finished) - (foundAt.get(row.request_id.toLowerCase()) ?? Number.NaN))
    .filter((lag) => !Number.isNaN(lag))
    .sort((a, b) => a - b);
  const spread = (sorted: number[]) => ({
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  });
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const worst = (loops: LoopDelay[]) => ({
    p50: Math.max(...loops.map((loop) => loop.p50)),
    p99: Math.max(...loops.map((loop) => loop.p99)),
    max: Math.max(...loops.map((loop) => loop.max)),
  });
  const held = sum(split);
  return {
    jobs,
    deployment,
    seconds: (Date.now() - started) / 1000,
    pollMs,
    split,
    heapPerJob: sum(after.map((memory, i) => memory.heapUsed - (before[i]?.heapUsed ?? 0))) / held,
    rssPerJob: sum(after.map((memory, i) => memory.rss - (before[i]?.rss ?? 0))) / held,
    idleLoop: worst(idleLoops),
    pendingLoop: worst(pendingLoops),
    completionLoop: worst(completionLoops),
    lag: spread(lags),
    storeLag: spread(storeLags),
    succeeded: rows.filter((row) => row.state === 'succeeded').length,
    transactions: stored?.transactions ?? 0,
  };
}

/** The points of the curve, one after the other, on instances started once for them all. */
async function scaleCurve(
  emulator: { url: string; control: SandboxControl },
  points: number[],
  pollMs: number,
  deployment: { name: string; instances: number; database: InstanceDatabase | null },
): Promise<void> {
  const instances: Instance[] = [];
  try {
    // One after the other: the first applies the migrations.
    for (let i = 0; i < deployment.instances; i++) {
      const env = instanceEnv(emulator.url, pollMs, Math.max(...points));
      instances.push(await Instance.start(env, deployment.database));
    }
    for (const jobs of points) {
      printPoint(await scalePoint(emulator.control, instances, jobs, pollMs, deployment.name));
    }
  } finally {
    for (const instance of instances) await instance.close();
  }
}

async function postgresSchema(url: string): Promise<{ database: InstanceDatabase; drop(): Promise<void> }> {
  const schema = `bench_${crypto.randomUUID().replaceAll('-', '')}`;
  const admin = await openPostgres(url);
  await admin.query(`CREATE SCHEMA ${schema}`);
  return {
    database: { url, schema },
    async drop() {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const phases = new Set((process.env.BENCH_PHASES ?? 'completion,scale').split(','));
  const scale = (process.env.BENCH_SCALE ?? '100,1000,10000').split(',').map(Number);
  const scalePollMs = Number(process.env.BENCH_SCALE_POLL_MS ?? 10_000);
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  /** `PGlite` or `PostgreSQL`: one engine's runs only. */
  const onlyEngine = process.env.BENCH_ENGINE;

  console.log(`Link jobs at scale — ${machine()}; each instance and the emulator in processes of their own`);
  const emulator = await startEmulator();
  try {
    const completionRuns = [
      { engine: 'PGlite', url: null },
      ...(postgresUrl ? [{ engine: 'PostgreSQL', url: postgresUrl }] : []),
    ];
    for (const run of phases.has('completion')
      ? completionRuns.filter((run) => !onlyEngine || run.engine === onlyEngine)
      : []) {
      const schema = run.url ? await postgresSchema(run.url) : null;
      const c = await completion(emulator, schema?.database ?? null).finally(() => schema?.drop());
      const floor = c.processingMs + c.pollMs;
      console.log(
        `\n${c.jobs} link jobs (${c.username}) in one instance on ${run.engine}: processing ${c.processingMs} ms + poll ` +
          `interval ${c.pollMs} ms = floor ${seconds(floor)}`,
      );
      console.log(
        `  ${c.succeeded} succeeded, ${c.failed} failed, ${c.transactions} transactions stored; last data ready ` +
          `at Flinks after ${seconds(c.lastDataMs)}, all stored after ${seconds(c.completionMs)} ` +
          `(${(c.completionMs / floor).toFixed(2)}× floor)`,
      );
      console.log(
        `  per job p50 ${seconds(c.p50)}, p99 ${seconds(c.p99)}; peak RSS ${(c.peakRss / MB).toFixed(0)} MB; ` +
          `event-loop delay p99 ${c.loop.p99.toFixed(1)} ms, max ${c.loop.max.toFixed(1)} ms`,
      );
      console.log(`  upstream: ${c.calls}`);
      console.log(
        `  GET /api/links while they run p50 ${c.busyLinks.p50.toFixed(1)} ms, p99 ${c.busyLinks.p99.toFixed(1)} ms, ` +
          `max ${c.busyLinks.max.toFixed(1)} ms (${c.busyLinks.requests} requests); idle p99 ` +
          `${c.idleLinks.p99.toFixed(1)} ms`,
      );
      report({
        name: `${c.jobs} link jobs (a year of 5 accounts each), 1 instance (${run.engine}): all stored`,
        measured: seconds(c.completionMs),
        baseline: `floor ${seconds(floor)} (processing + 1 poll)`,
        ratio: c.completionMs / floor,
        note: `${c.transactions} transactions; ${c.succeeded} succeeded, ${c.failed} failed; ${c.calls}; peak RSS ${(c.peakRss / MB).toFixed(0)} MB`,
      });
      report({
        name: `${c.jobs} link jobs, 1 instance (${run.engine}): event-loop delay p99 while they store`,
        measured: `${c.loop.p99.toFixed(1)} ms (max ${c.loop.max.toFixed(0)} ms)`,
        baseline: `idle ${c.idleLoop.p99.toFixed(1)} ms, as the emulator makes the logins`,
        ratio: overDelay(c.loop.p99, c.idleLoop.p99),
        note: 'goal p99 ≤ 25 ms, max ≤ 100 ms',
      });
      report({
        name: `${c.jobs} link jobs, 1 instance (${run.engine}): GET /api/links p99 while they store`,
        measured: `${c.busyLinks.p99.toFixed(1)} ms (max ${c.busyLinks.max.toFixed(0)} ms)`,
        baseline: `idle ${c.idleLinks.p99.toFixed(1)} ms`,
        ratio: c.busyLinks.p99 / c.idleLinks.p99,
        note: `goal p99 ≤ 50 ms; ${c.busyLinks.requests} requests`,
      });
    }

    if (phases.has('scale')) {
      const deployments: Array<{ engine: string; name: string; instances: number; url: string | null }> = [
        { engine: 'PGlite', name: '1 instance (PGlite)', instances: 1, url: null },
        ...(postgresUrl
          ? [{ engine: 'PostgreSQL', name: '2 instances (PostgreSQL)', instances: 2, url: postgresUrl }]
          : []),
      ].filter((deployment) => !onlyEngine || deployment.engine === onlyEngine);
      console.log(
        `\nScale curve: link jobs pending at once (${SCALE_USERNAME} logins), poll interval ${seconds(scalePollMs)}; ` +
          'lag = data ready at the emulator → job stored (includes the wait for the next poll)',
      );
      if (!postgresUrl) {
        console.log('  two instances on PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
        report({
          name: 'scale curve, 2 instances (PostgreSQL)',
          skipped: 'BENCH_DATABASE_URL or TEST_DATABASE_URL unset',
        });
      }
      for (const deployment of deployments) {
        const schema = deployment.url ? await postgresSchema(deployment.url) : null;
        try {
          await scaleCurve(emulator, scale, scalePollMs, {
            name: deployment.name,
            instances: deployment.instances,
            database: schema?.database ?? null,
          });
        } finally {
          await schema?.drop();
        }
      }
    }
  } finally {
    emulator.child.kill('SIGTERM');
    await once(emulator.child, 'exit');
  }
}

/**
 * A loop delay over the idle one; none when the idle loop was under a millisecond late, since a ratio over
 * (nearly) nothing says nothing.
 */
function overDelay(measured: number, idle: number): number | undefined {
  return idle >= 1 ? measured / idle : undefined;
}

/** Heap and RSS per pending job; with few jobs the RSS difference is below the allocator's noise, and said so. */
function memory(point: ScalePoint): string {
  const rss = point.rssPerJob > 0 ? `${kb(point.rssPerJob)} RSS` : 'RSS within noise';
  return `${kb(point.heapPerJob)} heap, ${rss}`;
}

function printPoint(point: ScalePoint): void {
  const label = `${point.jobs.toLocaleString('en')} pending, ${point.deployment}`;
  const spread = ({ p50, p99, max }: { p50: number; p99: number; max: number }) =>
    `${seconds(p50)} / ${seconds(p99)} / ${seconds(max)}`;
  console.log(
    `  ${label}: ${point.succeeded} stored (${point.transactions} transactions), split ` +
      `${point.split.join(' + ')}; ran ${point.seconds.toFixed(0)} s`,
  );
  console.log(
    `    per pending job ${memory(point)}; event-loop delay p99 idle ` +
      `${point.idleLoop.p99.toFixed(1)} ms, pending ${point.pendingLoop.p99.toFixed(1)} ms (max ` +
      `${point.pendingLoop.max.toFixed(1)}), completing ${point.completionLoop.p99.toFixed(1)} ms (max ` +
      `${point.completionLoop.max.toFixed(1)})`,
  );
  console.log(
    `    completion lag p50/p99/max ${spread(point.lag)}; of which after the poll that found the data ` +
      `${spread(point.storeLag)}`,
  );
  report({
    name: `scale ${label}: per job; loop delay p99`,
    measured: `${memory(point)}; ${point.pendingLoop.p99.toFixed(0)} ms`,
    baseline: `idle ${point.idleLoop.p99.toFixed(0)} ms, as the emulator makes the logins`,
    ratio: overDelay(point.pendingLoop.p99, point.idleLoop.p99),
  });
  report({
    name: `scale ${label}: completion lag p50/p99/max`,
    measured: spread(point.lag),
    baseline: `poll interval ${seconds(point.pollMs)}`,
    ratio: point.lag.p99 / point.pollMs,
    note: `after the poll that found the data: ${spread(point.storeLag)}`,
  });
}

if (process.argv[2] === 'instance') await runInstance();
else await main();
