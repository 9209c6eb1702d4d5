/**
 * From a job's store to the `changed` event on the page's stream, against the database's own floor measured
 * side by side: a bare NOTIFY heard by a LISTEN on the same database. Each round stores an answer for the
 * user's link (as a finishing job does) and waits for the event on GET /api/events, over real HTTP.
 *
 *   pnpm --filter @passbook/server bench:events   (BENCH_EVENT_ROUNDS=30)
 *   BENCH_DATABASE_URL or TEST_DATABASE_URL: the PostgreSQL row too (a schema of its own)
 */
import { storeAccountsDetail } from '../src/accounts/store.ts';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import { Browser } from '../test/helpers/browser.ts';
import { testConfig } from '../test/helpers/config.ts';
import { accountsDetail } from '../test/helpers/flinks-data.ts';
import { listen } from '../test/helpers/stack.ts';
import { machine, onEachEngine, report } from './load.ts';

const ROUNDS = Number(process.env.BENCH_EVENT_ROUNDS ?? 30);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Resolves on each `changed` event of the stream, in order. */
async function stream(url: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/events`, {
    headers: { accept: 'text/event-stream', cookie },
    signal: controller.signal,
  });
  let waiting: (() => void) | null = null;
  let arrived = 0;
  (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body ?? []) {
        const text = decoder.decode(chunk as Uint8Array, { stream: true });
        arrived += (text.match(/^event: changed$/gm) ?? []).length;
        if (arrived > 0 && waiting) {
          arrived = 0;
          const wake: () => void = waiting;
          waiting = null;
          wake();
        }
      }
    } catch {
      // Closed by the bench.
    }
  })();
  return {
    /** The next event (one already arrived counts). */
    next: () =>
      new Promise<void>((resolve) => {
        if (arrived > 0) {
          arrived = 0;
          resolve();
        } else waiting = resolve;
      }),
    close: () => controller.abort(),
  };
}

async function measure(engine: string, db: Database): Promise<void> {
  const app = await buildApp(testConfig(), { database: db, runJobs: false });
  const url = await listen(app);
  const user = new Browser(app);
  const { link } = (await user.post('/api/links', { loginId: crypto.randomUUID() })).json();
  const userId = await user.userId();
  const events = await stream(url, user.cookie ?? '');
  await events.next();

  const pushed: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const answer = accountsDetail([
      { transactions: [{ id: `tx-${round}`, date: '2026-05-01', debit: round + 1 }] },
    ]);
    const started = performance.now();
    const arrived = events.next();
    await db.transaction((tx) => storeAccountsDetail(tx, { id: link.id, userId }, answer));
    await arrived;
    pushed.push(performance.now() - started);
  }
  events.close();

  const notified: number[] = [];
  let heard: (() => void) | null = null;
  const stop = await db.listen('bench_floor', {
    onMessage: () => heard?.(),
    onInterrupted: () => undefined,
    onResumed: () => undefined,
  });
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const arrived = new Promise<void>((resolve) => {
      heard = resolve;
    });
    await db.query("SELECT pg_notify('bench_floor', 'x')");
    await arrived;
    notified.push(performance.now() - started);
  }
  await stop();
  await app.close();

  pushed.sort((a, b) => a - b);
  notified.sort((a, b) => a - b);
  const p50 = percentile(pushed, 50);
  const floor = percentile(notified, 50);
  console.log(
    `${engine}: store → event p50 ${p50.toFixed(1)} ms, p99 ${percentile(pushed, 99).toFixed(1)} ms; ` +
      `bare NOTIFY → LISTEN p50 ${floor.toFixed(1)} ms (${ROUNDS} rounds)`,
  );
  report({
    name: `store → changed event on the page's stream, ${engine}`,
    measured: `p50 ${p50.toFixed(1)} ms, p99 ${percentile(pushed, 99).toFixed(1)} ms`,
    baseline: `bare NOTIFY → LISTEN p50 ${floor.toFixed(1)} ms`,
    ratio: p50 / floor,
    note: 'goal ≤ 300 ms; includes the store itself (one transaction)',
  });
}

console.log(`Store → event on the page — ${machine()}`);
await onEachEngine(measure, "store → changed event on the page's stream, PostgreSQL");
