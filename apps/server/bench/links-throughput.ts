/**
 * GET /api/links of the whole app (session cookie, database read, schema-checked serialisation) against a bare
 * Fastify route that returns the same JSON, measured side by side in one run: rounds alternate between the two
 * so that drift of the machine touches both alike.
 *
 * The load comes from a process of its own (this file, started with `load`), and what is compared is this
 * process's CPU time per answered request: a generator sharing the servers' thread would charge each server
 * for the client's own work too (parsing the app's security headers, sending its cookie), and one in another
 * process cannot saturate a server on a small machine, so requests per second would measure the generator.
 * Both rates are printed beside it.
 *
 *   pnpm --filter @passbook/server bench:links   (BENCH_DURATION_MS, BENCH_CONNECTIONS to adjust)
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { storeAccountsDetail } from '../src/accounts/store.ts';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import { Browser } from '../test/helpers/browser.ts';
import { testConfig } from '../test/helpers/config.ts';
import { accountsDetail } from '../test/helpers/flinks-data.ts';
import { benchDatabaseUrl, type LoadResult, load, machine, onEngine, report } from './load.ts';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = 3;

interface LoadOrder {
  url: string;
  durationMs: number;
  headers?: Record<string, string>;
}

/** The generator's process: runs each load it is sent and answers with its result. */
if (process.argv[2] === 'load') {
  process.on('message', async (order: LoadOrder) => {
    process.send?.(await load(order.url, { connections: CONNECTIONS, ...order }));
  });
}

/** A load of `order` from the generator, with this process's CPU time (µs) spent meanwhile. */
async function loaded(generator: ChildProcess, order: LoadOrder): Promise<LoadResult & { cpuUs: number }> {
  const before = process.cpuUsage();
  const answered = once(generator, 'message');
  generator.send(order);
  const [result] = (await answered) as [LoadResult];
  const cpu = process.cpuUsage(before);
  return { ...result, cpuUs: cpu.user + cpu.system };
}

/** One engine's run: our app on it against the bare route, in alternating rounds. */
async function measure(engine: string, db: Database, generator: ChildProcess) {
  const app = await buildApp(testConfig({ RATE_LIMIT_MAX: '1000000' }), { database: db, runJobs: false });

  // A typical dashboard: three banks, two accounts each.
  const user = new Browser(app);
  let userId = '';
  for (let bank = 0; bank < 3; bank++) {
    const { link } = (await user.post('/api/links', { loginId: crypto.randomUUID() })).json();
    await db.query("UPDATE jobs SET state = 'succeeded', finished_at = now() WHERE link_id = $1", [link.id]);
    userId = await user.userId();
    await db.transaction((tx) =>
      storeAccountsDetail(
        tx,
        { id: link.id, userId },
        accountsDetail([
          {
            id: crypto.randomUUID(),
            title: 'Chequing CAD',
            transactions: [{ id: 'a', date: '2026-01-01', debit: 1 }],
          },
          { id: crypto.randomUUID(), title: 'Savings USD', currency: 'USD', transactions: [] },
        ]),
      ),
    );
  }
  await db.query(
    "UPDATE links SET status = 'active', institution = 'Flinks Capital', last_refresh_at = now() WHERE user_id = $1",
    [userId],
  );
  const body = (await user.get('/api/links')).body;

  await app.listen({ port: 0, host: '127.0.0.1' });
  const appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/links`;
  const bare = Fastify();
  bare.get('/api/links', async (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/api/links`;

  const ours: LoadOrder = { url: appUrl, durationMs: DURATION_MS, headers: { cookie: user.cookie ?? '' } };
  const theirs: LoadOrder = { url: bareUrl, durationMs: DURATION_MS };
  await loaded(generator, { ...ours, durationMs: 1_000 });
  await loaded(generator, { ...theirs, durationMs: 1_000 });
  const totals = { ours: { requests: 0, cpuUs: 0, rate: 0 }, theirs: { requests: 0, cpuUs: 0, rate: 0 } };
  let errors = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of ['ours', 'theirs'] as const) {
      const result = await loaded(generator, side === 'ours' ? ours : theirs);
      totals[side].requests += result.requests;
      totals[side].cpuUs += result.cpuUs;
      totals[side].rate += result.perSecond / ROUNDS;
      errors += result.errors;
    }
  }
  await app.close();
  await bare.close();
  const perRequest = (side: keyof typeof totals) => totals[side].cpuUs / totals[side].requests;
  return {
    engine,
    ours: { rate: totals.ours.rate, cpuUs: perRequest('ours') },
    theirs: { rate: totals.theirs.rate, cpuUs: perRequest('theirs') },
    errors,
    bytes: body.length,
  };
}

type Measured = Awaited<ReturnType<typeof measure>>;

/**
 * Each engine is measured in a process of its own: measured one after the other in one process, whichever ran
 * second read some 10 % more CPU per request on both sides (its own route and the bare one alike), after
 * whatever the first run left in the process, and the ratios followed the order, not the engine.
 */
if (process.argv[2] === 'engine') {
  const generator = fork(fileURLToPath(import.meta.url), ['load'], { execArgv: ['--import', 'tsx'] });
  try {
    process.send?.(await measureEngine(process.argv[3] as 'PGlite' | 'PostgreSQL', generator));
  } finally {
    generator.kill();
  }
} else if (process.argv[2] !== 'load') {
  await main();
}

function measureEngine(engine: 'PGlite' | 'PostgreSQL', generator: ChildProcess): Promise<Measured> {
  return onEngine(engine, (db) =>
    measure(engine === 'PGlite' ? 'PGlite (in process)' : 'PostgreSQL', db, generator),
  );
}

/** One engine's run in a fresh process of its own, its result sent back. */
async function inItsOwnProcess(engine: 'PGlite' | 'PostgreSQL'): Promise<Measured> {
  const child = fork(fileURLToPath(import.meta.url), ['engine', engine], { execArgv: ['--import', 'tsx'] });
  const exited = once(child, 'exit');
  const [result] = (await Promise.race([once(child, 'message'), exited])) as [Measured | number];
  if (typeof result !== 'object' || result === null)
    throw new Error(`the ${engine} run exited with ${result}`);
  await exited;
  return result;
}

async function main() {
  const results = [await inItsOwnProcess('PGlite')];
  const url = benchDatabaseUrl();
  if (url) results.push(await inItsOwnProcess('PostgreSQL'));

  console.log(`GET /api/links vs a bare Fastify route returning the same JSON (${machine()})`);
  console.log(
    `  ${CONNECTIONS} keep-alive connections from a process of their own, ${ROUNDS} alternating rounds of ${DURATION_MS} ms each`,
  );
  for (const result of results) {
    const { ours, theirs } = result;
    console.log(
      `  ${result.engine.padEnd(20)} ours ${ours.cpuUs.toFixed(1).padStart(6)} µs CPU/request (${ours.rate.toFixed(0)} req/s)` +
        `   bare ${theirs.cpuUs.toFixed(1).padStart(6)} µs (${theirs.rate.toFixed(0)} req/s)   ratio ${(theirs.cpuUs / ours.cpuUs).toFixed(2)}` +
        `${result.errors ? `   (${result.errors} errors)` : ''}   body ${result.bytes} B`,
    );
    report({
      name: `GET /api/links vs a bare Fastify route, same JSON — ${result.engine}`,
      measured: `${ours.cpuUs.toFixed(1)} µs of server CPU per request (${ours.rate.toFixed(0)} req/s)`,
      baseline: `bare ${theirs.cpuUs.toFixed(1)} µs (${theirs.rate.toFixed(0)} req/s)`,
      ratio: theirs.cpuUs / ours.cpuUs,
      target: { min: 0.8 },
      ...(result.errors ? { note: `${result.errors} errors` } : {}),
    });
  }
  if (!url) {
    report({
      name: 'GET /api/links vs a bare Fastify route, same JSON — PostgreSQL',
      skipped: 'BENCH_DATABASE_URL or TEST_DATABASE_URL unset',
    });
  }
  console.log('  aim: ratio (bare ÷ ours, CPU per request) ≥ 0.8');
}
