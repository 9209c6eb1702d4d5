/**
 * GET /api/links of the whole app (session cookie, database read, schema-checked serialisation) against a bare
 * Fastify route that returns the same JSON, measured side by side in one run: rounds alternate between the two
 * so that drift of the machine touches both alike. Prints both rates and their ratio.
 *
 *   pnpm --filter @passbook/server bench:links   (BENCH_DURATION_MS, BENCH_CONNECTIONS to adjust)
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { storeAccountsDetail } from '../src/accounts/store.ts';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPgliteWorker } from '../src/db/pglite-worker.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { Browser } from '../test/helpers/browser.ts';
import { testConfig } from '../test/helpers/config.ts';
import { accountsDetail } from '../test/helpers/flinks-data.ts';
import { load, machine, report } from './load.ts';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = 3;

/** One engine's run: our app on it against the bare route, in alternating rounds. */
async function measure(engine: string, db: Database) {
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

  const headers = { cookie: user.cookie ?? '' };
  await load(appUrl, { connections: CONNECTIONS, durationMs: 500, headers });
  await load(bareUrl, { connections: CONNECTIONS, durationMs: 500 });
  let ours = 0;
  let theirs = 0;
  let errors = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const a = await load(appUrl, { connections: CONNECTIONS, durationMs: DURATION_MS, headers });
    const b = await load(bareUrl, { connections: CONNECTIONS, durationMs: DURATION_MS });
    ours += a.perSecond / ROUNDS;
    theirs += b.perSecond / ROUNDS;
    errors += a.errors + b.errors;
  }
  await app.close();
  await bare.close();
  return { engine, ours, theirs, errors, bytes: body.length };
}

const results = [];
const pglite = await openPgliteWorker(null);
results.push(await measure('PGlite (in process)', pglite));
await pglite.close();
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (url) {
  const schema = `bench_${crypto.randomUUID().replaceAll('-', '')}`;
  const admin = await openPostgres(url);
  await admin.query(`CREATE SCHEMA ${schema}`);
  const postgres = await openPostgres(url, { schema });
  try {
    await migrate(postgres);
    results.push(await measure('PostgreSQL', postgres));
  } finally {
    await postgres.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
}

console.log(`GET /api/links vs a bare Fastify route returning the same JSON (${machine()})`);
console.log(
  `  ${CONNECTIONS} keep-alive connections, ${ROUNDS} alternating rounds of ${DURATION_MS} ms each`,
);
for (const result of results) {
  console.log(
    `  ${result.engine.padEnd(20)} ours ${result.ours.toFixed(0).padStart(6)} req/s   bare ${result.theirs
      .toFixed(0)
      .padStart(6)} req/s   ratio ${(result.ours / result.theirs).toFixed(2)}` +
      `${result.errors ? `   (${result.errors} errors)` : ''}   body ${result.bytes} B`,
  );
  report({
    name: `GET /api/links vs a bare Fastify route, same JSON — ${result.engine}`,
    measured: `${result.ours.toFixed(0)} req/s`,
    baseline: `bare ${result.theirs.toFixed(0)} req/s`,
    ratio: result.ours / result.theirs,
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
console.log('  aim: ratio ≥ 0.8');
