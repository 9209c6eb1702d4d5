/**
 * A small closed-loop load generator: `connections` keep-alive sockets, each sending the next request as soon
 * as the previous answer is read, for `durationMs`. Good enough to compare two servers side by side in one
 * process, which is all the benchmarks here claim.
 */
import http from 'node:http';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPgliteWorker } from '../src/db/pglite-worker.ts';
import { openPostgres } from '../src/db/postgres.ts';

export interface LoadResult {
  requests: number;
  perSecond: number;
  errors: number;
}

export async function load(
  url: string,
  options: { connections: number; durationMs: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const deadline = Date.now() + options.durationMs;
  let requests = 0;
  let errors = 0;
  const once = () =>
    new Promise<void>((resolve) => {
      const request = http.get(url, { agent, headers: options.headers }, (response) => {
        response.on('data', () => undefined);
        response.on('end', () => {
          if (response.statusCode === 200) requests += 1;
          else errors += 1;
          resolve();
        });
      });
      request.on('error', () => {
        errors += 1;
        resolve();
      });
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (Date.now() < deadline) await once();
    }),
  );
  agent.destroy();
  return { requests, errors, perSecond: requests / ((Date.now() - started) / 1000) };
}

/** p50/p99/max of an event-loop delay, in milliseconds. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** How often the loop-delay timer asks to run, in milliseconds. */
const LOOP_SAMPLE_MS = 10;

/**
 * The event-loop delay of this process between `start()` and `stop()`: how late the loop ran a timer due every
 * 10 ms. Node's histogram records the time between the timer's runs, which is the 10 ms asked for plus the
 * delay, so the interval is taken off each figure (as `@fastify/under-pressure` does): an idle loop reads about
 * 0 ms, not 10.
 */
export function loopDelayMonitor(): { start(): void; stop(): LoopDelay } {
  const histogram = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
  const late = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - LOOP_SAMPLE_MS);
  return {
    start() {
      histogram.reset();
      histogram.enable();
    },
    stop() {
      histogram.disable();
      return {
        p50: late(histogram.percentile(50)),
        p99: late(histogram.percentile(99)),
        max: late(histogram.max),
      };
    },
  };
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
}

/**
 * One row of the table `pnpm bench` prints (scripts/bench.mjs collects these lines; the rest of a bench's
 * output is for people). `ratio` is measured ÷ baseline, both taken in the same run; `target` bounds it.
 */
export interface BenchResult {
  name: string;
  measured?: string;
  baseline?: string;
  ratio?: number;
  target?: { max?: number; min?: number };
  note?: string;
  /** Why the row was not measured. */
  skipped?: string;
}

export function report(result: BenchResult): void {
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}

/**
 * Runs `measure` on a fresh, migrated PGlite, then on PostgreSQL in a schema of its own (dropped afterwards)
 * when BENCH_DATABASE_URL or TEST_DATABASE_URL names one; without it, reports the PostgreSQL row as skipped.
 */
export async function onEachEngine(
  measure: (engine: 'PGlite' | 'PostgreSQL', db: Database) => Promise<void>,
  postgresRowName: string,
): Promise<void> {
  await onEngine('PGlite', (db) => measure('PGlite', db));
  if (!benchDatabaseUrl()) {
    report({ name: postgresRowName, skipped: 'no BENCH_DATABASE_URL' });
    return;
  }
  await onEngine('PostgreSQL', (db) => measure('PostgreSQL', db));
}

/** The PostgreSQL the benches may use, if any. */
export function benchDatabaseUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
}

/**
 * `work` on a migrated database of one engine, let go after: PGlite in a worker thread, or a schema of its own
 * on `benchDatabaseUrl()`, dropped after.
 */
export async function onEngine<T>(
  engine: 'PGlite' | 'PostgreSQL',
  work: (db: Database) => Promise<T>,
): Promise<T> {
  if (engine === 'PGlite') {
    const pglite = await openPgliteWorker(null);
    try {
      await migrate(pglite);
      return await work(pglite);
    } finally {
      await pglite.close();
    }
  }
  const url = benchDatabaseUrl();
  if (!url) throw new Error('PostgreSQL needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
  const schema = `bench_${crypto.randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const postgres = await openPostgres(url, { schema });
    try {
      await migrate(postgres);
      return await work(postgres);
    } finally {
      await postgres.close();
    }
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
