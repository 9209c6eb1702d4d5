/**
 * Scheduled sync throughput: N links made on one instance (PGlite, the emulator beside it in this process),
 * then a day passes on the instance's clock and every link's sync comes due at once. Measured: scheduled syncs
 * per minute the instance sustains until all are stored, against the same instance's link jobs per minute for
 * the same logins (the baseline: both run the same retrieval), and the upstream calls each sync made.
 *
 *   pnpm --filter @passbook/server bench:sync      BENCH_SYNC_LINKS=300 BENCH_PROCESSING_MS=200
 */
import { createSandbox } from '@passbook/flinks-sandbox';
import { buildApp } from '../src/app.ts';
import { openPglite } from '../src/db/pglite.ts';
import { Browser } from '../test/helpers/browser.ts';
import { ManualClock } from '../test/helpers/clock.ts';
import { testConfig } from '../test/helpers/config.ts';
import { machine, report } from './load.ts';

const LINKS = Number(process.env.BENCH_SYNC_LINKS ?? 300);
const PROCESSING_MS = Number(process.env.BENCH_PROCESSING_MS ?? 200);
const DAY_MS = 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const sandbox = await createSandbox({ processingMs: PROCESSING_MS });
  const db = await openPglite(null);
  const clock = new ManualClock();
  const app = await buildApp(
    testConfig({
      FLINKS_API_URL: sandbox.url,
      FLINKS_CONNECT_URL: sandbox.connectUrl,
      FLINKS_POLL_INTERVAL_MS: '100',
      SYNC_INTERVAL_MS: String(DAY_MS),
      RATE_LIMIT_MAX: '1000000',
    }),
    { database: db, clock },
  );
  await app.ready();

  const finished = async (kind: string) => {
    const { rows } = await db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM jobs WHERE kind = $1 AND state IN ('succeeded', 'failed')",
      [kind],
    );
    return rows[0]?.count ?? 0;
  };
  const untilFinished = async (kind: string) => {
    while ((await finished(kind)) < LINKS) await sleep(50);
  };
  const callCounts = async () => {
    const counts = new Map<string, number>();
    for (const call of await sandbox.control.calls())
      counts.set(call.endpoint, (counts.get(call.endpoint) ?? 0) + 1);
    return counts;
  };

  const logins = await Promise.all(
    // One person's links, each another bank login (`+n`): one login twice would be one link.
    Array.from({ length: LINKS }, (_, index) => sandbox.control.createLogin(`test_small_history+${index}`)),
  );
  const user = new Browser(app);
  await user.get('/api/links');
  const linkStart = performance.now();
  await Promise.all(logins.map(({ loginId }) => user.post('/api/links', { loginId })));
  await untilFinished('link');
  const linkMinutes = (performance.now() - linkStart) / 60_000;

  const before = await callCounts();
  clock.advance(DAY_MS);
  const syncStart = performance.now();
  await app.jobRunner.enqueueScheduled();
  await untilFinished('sync');
  const syncMinutes = (performance.now() - syncStart) / 60_000;
  const after = await callCounts();

  const { rows } = await db.query<{ state: string; count: number }>(
    "SELECT state, count(*)::int AS count FROM jobs WHERE kind = 'sync' GROUP BY state",
  );
  const perSync = [...after]
    .map(([endpoint, count]) => [endpoint, (count - (before.get(endpoint) ?? 0)) / LINKS] as const)
    .filter(([, count]) => count > 0)
    .map(([endpoint, count]) => `${endpoint} ${count.toFixed(2)}`)
    .join(', ');
  const syncRate = LINKS / syncMinutes;
  const linkRate = LINKS / linkMinutes;
  console.log(`scheduled sync, ${LINKS} links, processing ${PROCESSING_MS} ms — ${machine()}`);
  console.log(`  link jobs: ${linkRate.toFixed(0)}/min; scheduled syncs: ${syncRate.toFixed(0)}/min`);
  console.log(`  sync outcomes: ${rows.map((row) => `${row.state} ${row.count}`).join(', ')}`);
  console.log(`  upstream calls per sync: ${perSync}`);
  report({
    name: 'scheduled syncs per minute, one instance (PGlite)',
    measured: `${syncRate.toFixed(0)}/min`,
    baseline: `link jobs ${linkRate.toFixed(0)}/min`,
    ratio: syncRate / linkRate,
    target: { min: 0.8 },
    note: `${LINKS} links due at once; upstream per sync: ${perSync}`,
  });

  await app.close();
  await db.close();
  await sandbox.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
