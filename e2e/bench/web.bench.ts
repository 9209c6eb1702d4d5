/**
 * The web app's weight and speed, measured side by side in one run:
 * - the gzipped JS and CSS the first page loads (from the built index.html), the chunks loaded later, and, in
 *   Chromium, every JS file the accounts page and an account page really request (the chart's chunk among
 *   them once a chart is drawn);
 * - in Chromium, against the built app and emulator started here on spare ports, for an account of more than
 *   50,000 transactions: the time from its transactions arriving to its first rows being painted, beside a
 *   plain JSON.parse of the same data in the same page, and the frame times while its table scrolls steadily.
 *
 * Run after `pnpm run build`: `pnpm --filter @passbook/e2e bench`. It prints numbers and asserts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium.ts';

const root = join(import.meta.dirname, '..', '..');
const webDist = join(root, 'apps/web/dist');
const JS_BUDGET_BYTES = 100 * 1024;
/** Fresh loads of the account page whose first-paint times are reported as a median. */
const LOADS = 5;
/**
 * The steady scroll: this many pixels every frame (12,000 px/s at 60 Hz, a fast fling held on), for this many
 * frames: about 3,400 rows, past the end of the first two pages, so a page is loaded while scrolling.
 */
const SCROLL_PX_PER_FRAME = 200;
const SCROLL_FRAMES = 900;
const IDLE_FRAMES = 120;

// ---------------------------------------------------------------------------------------------------------
// Sizes

interface Asset {
  file: string;
  raw: number;
  gzip: number;
}

function measureAsset(file: string): Asset {
  const bytes = readFileSync(join(webDist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
}

/** The assets index.html makes the browser load at once: module scripts, stylesheets, module preloads. */
function firstPageAssets(html: string): string[] {
  const files: string[] = [];
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const attributes = Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const url = tag.startsWith('<script') ? attributes.src : attributes.href;
    const loads = tag.startsWith('<script') || ['stylesheet', 'modulepreload'].includes(attributes.rel ?? '');
    if (url?.startsWith('/assets/') && loads) files.push(url.slice(1));
  }
  return files;
}

function sizes(): { first: Asset[]; lazy: Asset[] } {
  const html = readFileSync(join(webDist, 'index.html'), 'utf8');
  const first = firstPageAssets(html);
  const lazy = readdirSync(join(webDist, 'assets'))
    .map((name) => `assets/${name}`)
    .filter((file) => /\.(js|css)$/.test(file) && !first.includes(file));
  return { first: first.map(measureAsset), lazy: lazy.map(measureAsset) };
}

// ---------------------------------------------------------------------------------------------------------
// Servers

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilHealthy(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not answer ${url} within a minute`);
}

function start(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(root, entry)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

// ---------------------------------------------------------------------------------------------------------
// In the page

/** Installed before the app runs: when the first transactions arrived, and when their first row was painted. */
function instrument() {
  const bench = {
    dataAt: null as number | null,
    dataUrl: null as string | null,
    domAt: null as number | null,
    framePaintAt: null as number | null,
    elementPaintAt: null as number | null,
  };
  Object.assign(window, { bench });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (bench.dataAt === null && /\/api\/accounts\/[^/]+\/transactions\?/.test(entry.name)) {
        bench.dataAt = entry.responseEnd;
        bench.dataUrl = entry.name;
      }
    }
  }).observe({ type: 'resource', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & {
      identifier: string;
      renderTime: number;
    })[]) {
      if (entry.identifier === 'first-row') bench.elementPaintAt = entry.renderTime;
    }
  }).observe({ type: 'element', buffered: true });
  new MutationObserver((_mutations, observer) => {
    const cell = document.querySelector('tr[aria-rowindex="2"]:not([aria-busy]) td');
    if (!cell?.textContent) return;
    observer.disconnect();
    bench.domAt = performance.now();
    // Marked before the frame that paints it, so the Element Timing API reports that paint.
    cell.setAttribute('elementtiming', 'first-row');
    // The frame after next starts once the rows' frame has been painted: a bound when Element Timing is absent.
    requestAnimationFrame(() =>
      requestAnimationFrame((time) => {
        bench.framePaintAt = time;
      }),
    );
  }).observe(document, { childList: true, subtree: true });
}

/** Installed before the spending page runs: when its months arrived, and when its categories were painted. */
function instrumentSpending() {
  const spending = {
    dataAt: null as number | null,
    domAt: null as number | null,
    framePaintAt: null as number | null,
  };
  Object.assign(window, { spending });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (spending.dataAt === null && /\/api\/spending\?/.test(entry.name))
        spending.dataAt = entry.responseEnd;
    }
  }).observe({ type: 'resource', buffered: true });
  new MutationObserver((_mutations, observer) => {
    if (!document.querySelector('a[href*="category="]')) return;
    observer.disconnect();
    spending.domAt = performance.now();
    requestAnimationFrame(() =>
      requestAnimationFrame((time) => {
        spending.framePaintAt = time;
      }),
    );
  }).observe(document, { childList: true, subtree: true });
}

/**
 * On the spending page: the main thread's work from the months arriving to the categories in the DOM (what
 * must fit in a frame), to their being painted (bounded by the frame after theirs), and the server's time.
 */
async function loadSpending(
  page: Page,
  url: string,
): Promise<{ dataToDom: number; dataToPaint: number; serverMs: number }> {
  await page.goto(url);
  await page.waitForFunction(() => {
    const { spending } = window as unknown as {
      spending: { framePaintAt: number | null; dataAt: number | null };
    };
    return spending.framePaintAt !== null && spending.dataAt !== null;
  });
  const timing = await page.evaluate(() => {
    const { spending } = window as unknown as {
      spending: { framePaintAt: number; domAt: number; dataAt: number };
    };
    const entry = performance
      .getEntriesByType('resource')
      .find((candidate) => /\/api\/spending\?/.test(candidate.name)) as PerformanceResourceTiming | undefined;
    return {
      dataToDom: spending.domAt - spending.dataAt,
      dataToPaint: spending.framePaintAt - spending.dataAt,
      serverMs: entry ? entry.responseStart - entry.requestStart : 0,
    };
  });
  return timing;
}

interface FirstPaint {
  /** Whether the paint time came from the Element Timing API (else from the frame after the rows' frame). */
  elementTiming: boolean;
  /** The first page arrived → its first row's text in the DOM: the page's own work, before the browser paints. */
  dataToDom: number;
  /**
   * The first page arrived → the start of the frame after the one that drew its rows: by then the main thread
   * has painted them, and what Element Timing adds beyond it is the compositor presenting that frame.
   */
  dataToNextFrame: number;
  dataToPaint: number;
  navigationToPaint: number;
  rowsInFirstPage: number;
  parseFirstPage: number;
  parsePage: number;
  rowsInPage: number;
}

/**
 * JSON.parse of one answer's text, in the page: batches long enough for the page's coarse clock, the median
 * batch divided by its size.
 */
async function parseTimes(page: Page, url: string): Promise<{ ms: number; rows: number }> {
  return page.evaluate(async (address) => {
    const text = await (await fetch(address)).text();
    const rows = (JSON.parse(text) as { transactions: unknown[] }).transactions.length;
    let batch = 1;
    for (let start = performance.now(); performance.now() - start < 20; batch *= 2) {
      for (let i = 0; i < batch; i++) JSON.parse(text);
    }
    const perParse: number[] = [];
    for (let run = 0; run < 7; run++) {
      const start = performance.now();
      for (let i = 0; i < batch; i++) JSON.parse(text);
      perParse.push((performance.now() - start) / batch);
    }
    perParse.sort((a, b) => a - b);
    return { ms: perParse[3] ?? 0, rows };
  }, url);
}

async function loadAccount(page: Page, url: string): Promise<FirstPaint> {
  await page.goto(url);
  await page.waitForFunction(() => {
    const { bench } = window as unknown as { bench: { framePaintAt: number | null; dataAt: number | null } };
    return bench.framePaintAt !== null && bench.dataAt !== null;
  });
  // Element Timing reports on its own schedule, and not in every browser: wait for it a little, then go on.
  await page
    .waitForFunction(
      () => (window as unknown as { bench: { elementPaintAt: number | null } }).bench.elementPaintAt !== null,
      undefined,
      { timeout: 2_000 },
    )
    .catch(() => undefined);
  const bench = await page.evaluate(
    () =>
      (
        window as unknown as {
          bench: {
            dataAt: number;
            dataUrl: string;
            domAt: number;
            framePaintAt: number;
            elementPaintAt: number | null;
          };
        }
      ).bench,
  );
  const paintAt = bench.elementPaintAt ?? bench.framePaintAt;
  const first = await parseTimes(page, bench.dataUrl);
  const larger = new URL(bench.dataUrl);
  larger.searchParams.set('limit', '2500');
  const page2500 = await parseTimes(page, larger.toString());
  return {
    elementTiming: bench.elementPaintAt !== null,
    dataToDom: bench.domAt - bench.dataAt,
    dataToNextFrame: bench.framePaintAt - bench.dataAt,
    dataToPaint: paintAt - bench.dataAt,
    navigationToPaint: paintAt,
    rowsInFirstPage: first.rows,
    parseFirstPage: first.ms,
    parsePage: page2500.ms,
    rowsInPage: page2500.rows,
  };
}

/**
 * Frame-to-frame times while `pixelsPerFrame` are scrolled each frame (0: the page left alone). Written without
 * named inner functions: tsx would wrap them in a helper the page does not have.
 */
async function frameTimes(page: Page, pixelsPerFrame: number, frames: number): Promise<number[]> {
  return page.evaluate(
    async ({ pixelsPerFrame, frames }) => {
      // The list scrolls with the page.
      if (!document.querySelector('section[aria-label="Transactions, newest first"]')) {
        throw new Error('no transactions table');
      }
      const deltas: number[] = [];
      let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      while (deltas.length < frames) {
        window.scrollBy(0, pixelsPerFrame);
        const time = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
        deltas.push(time - last);
        last = time;
      }
      return deltas;
    },
    { pixelsPerFrame, frames },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Printing

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (value: number) => `${value.toFixed(value < 1 ? 3 : value < 10 ? 2 : 1)} ms`;
const FRAME_MS = 1000 / 60;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/** A row of `pnpm bench`'s table (scripts/bench.mjs at the workspace root reads the BENCH_RESULT lines). */
function report(result: {
  name: string;
  measured: string;
  baseline: string;
  ratio: number;
  target?: { max?: number; min?: number };
  note?: string;
}): void {
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}

function table(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  console.log(line(headers));
  console.log(widths.map((width) => '─'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log();
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  for (const entry of [
    'apps/web/dist/index.html',
    'apps/server/dist/main.mjs',
    'packages/flinks-sandbox/dist/main.mjs',
  ]) {
    if (!existsSync(join(root, entry))) throw new Error(`${entry} is missing: run \`pnpm run build\` first`);
  }

  const { first, lazy } = sizes();
  const firstJs = first.filter((a) => a.file.endsWith('.js')).reduce((sum, a) => sum + a.gzip, 0);
  const firstCss = first.filter((a) => a.file.endsWith('.css')).reduce((sum, a) => sum + a.gzip, 0);
  console.log('\nWhat the first page loads (gzip, default level)\n');
  table(
    ['asset', 'raw', 'gzip'],
    [
      ...first.map((a) => [`first page: ${a.file}`, kb(a.raw), kb(a.gzip)]),
      ['first page JS, total', '', kb(firstJs)],
      ['first page CSS, total', '', kb(firstCss)],
      ...lazy.map((a) => [`loaded later: ${a.file}`, kb(a.raw), kb(a.gzip)]),
    ],
  );
  console.log(`first page JS / 100 kB budget: ${(firstJs / JS_BUDGET_BYTES).toFixed(2)}\n`);
  report({
    name: 'web: JS the first page loads (gzip) vs the 100 kB budget',
    measured: kb(firstJs),
    baseline: `budget ${kb(JS_BUDGET_BYTES)}`,
    ratio: firstJs / JS_BUDGET_BYTES,
    target: { max: 1 },
    note: `CSS ${kb(firstCss)}`,
  });

  // Spare ports unless given (WEB_BENCH_APP_PORT / WEB_BENCH_SANDBOX_PORT, else the Playwright suite's
  // E2E_APP_PORT / E2E_SANDBOX_PORT), for a machine whose ports are shared out.
  const appPort = Number(process.env.WEB_BENCH_APP_PORT ?? process.env.E2E_APP_PORT) || (await sparePort());
  const sandboxPort =
    Number(process.env.WEB_BENCH_SANDBOX_PORT ?? process.env.E2E_SANDBOX_PORT) || (await sparePort());
  const app = `http://localhost:${appPort}`;
  const sandbox = `http://localhost:${sandboxPort}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'passbook-bench-'));
  const children: ChildProcess[] = [];
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    children.push(
      start('packages/flinks-sandbox/dist/main.mjs', {
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_PROCESSING_MS: '200',
      }),
    );
    children.push(
      start('apps/server/dist/main.mjs', {
        PORT: String(appPort),
        PUBLIC_URL: app,
        DATA_DIR: dataDir,
        FLINKS_API_URL: sandbox,
        FLINKS_CONNECT_URL: `${sandbox}/v2/`,
        FLINKS_POLL_INTERVAL_MS: '200',
        LOG_LEVEL: 'warn',
      }),
    );
    await waitUntilHealthy(`${sandbox}/__sandbox/health`, children[0] as ChildProcess, 'the emulator');
    await waitUntilHealthy(`${app}/api/health`, children[1] as ChildProcess, 'the server');

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-CA' });
    const page = await context.newPage();
    await page.goto(app);

    // A test_large_history login, linked by this page's user through our API, as Connect's REDIRECT would.
    const login = await fetch(`${sandbox}/__sandbox/logins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'test_large_history' }),
    });
    const { loginId } = (await login.json()) as { loginId: string };
    const linkedAt = Date.now();
    const created = await page.request.post(`${app}/api/links`, {
      headers: { origin: app },
      data: { loginId },
    });
    if (!created.ok())
      throw new Error(`POST /api/links answered ${created.status()}: ${await created.text()}`);
    const { job } = (await created.json()) as { job: { id: string } };
    let state = 'queued';
    while (state !== 'succeeded') {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const answer = (await (await page.request.get(`${app}/api/jobs/${job.id}`)).json()) as {
        job: { state: string; error: unknown };
      };
      state = answer.job.state;
      if (state === 'failed') throw new Error(`the link job failed: ${JSON.stringify(answer.job.error)}`);
    }
    const linkSeconds = (Date.now() - linkedAt) / 1000;
    const { links } = (await (await page.request.get(`${app}/api/links`)).json()) as {
      links: { accounts: { id: string; title: string; transactionCount: number }[] }[];
    };
    const accounts = links
      .flatMap((link) => link.accounts)
      .sort((a, b) => b.transactionCount - a.transactionCount);
    const big = accounts[0];
    if (!big || big.transactionCount < 50_000)
      throw new Error('no account with 50,000 transactions was linked');
    const stored = accounts.reduce((sum, account) => sum + account.transactionCount, 0);
    console.log(
      `Linked test_large_history: ${stored.toLocaleString('en-CA')} transactions stored in ${linkSeconds.toFixed(1)} s ` +
        `(emulator processing 200 ms, poll every 200 ms); "${big.title}" holds ${big.transactionCount.toLocaleString('en-CA')}.\n`,
    );

    // What the pages really request, in the browser: the accounts page as it opens, then an account page,
    // whose balance chart loads the charting chunk once it draws.
    const requested = async (url: string, ready: (page: Page) => Promise<unknown>) => {
      const files = new Set<string>();
      const probe = await context.newPage();
      probe.on('response', (response) => {
        const path = new URL(response.url()).pathname;
        if (/^\/assets\/.+\.js$/.test(path)) files.add(path.slice(1));
      });
      await probe.goto(url);
      await ready(probe);
      await probe.waitForLoadState('networkidle');
      await probe.close();
      return [...files].map(measureAsset);
    };
    const dashboardJs = await requested(app, (probe) =>
      probe.getByRole('region', { name: 'Net worth over time' }).locator('figcaption').waitFor(),
    );
    const accountJs = await requested(`${app}/accounts/${big.id}`, (probe) =>
      probe.getByRole('region', { name: 'Balance over time' }).locator('canvas').first().waitFor(),
    );
    const gzipOf = (assets: Asset[]) => assets.reduce((sum, asset) => sum + asset.gzip, 0);
    const chart = accountJs.find((asset) => asset.file.includes('TimeChartCanvas'));
    console.log('JS requested in Chromium (gzip)\n');
    table(
      ['page', 'files', 'gzip'],
      [
        ['accounts page', String(dashboardJs.length), kb(gzipOf(dashboardJs))],
        ['account page, its chart drawn', String(accountJs.length), kb(gzipOf(accountJs))],
        ['  of which the chart (uPlot)', '1', chart ? kb(chart.gzip) : 'not loaded'],
      ],
    );
    report({
      name: 'web: JS the accounts page requests in Chromium (gzip) vs the 100 kB budget',
      measured: kb(gzipOf(dashboardJs)),
      baseline: `budget ${kb(JS_BUDGET_BYTES)}`,
      ratio: gzipOf(dashboardJs) / JS_BUDGET_BYTES,
      target: { max: 1 },
      note:
        `${dashboardJs.length} files; a drawn chart adds its chunk after the page has painted` +
        (chart ? ` (${kb(chart.gzip)})` : ''),
    });

    await context.addInitScript(instrument);
    const loads: FirstPaint[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await loadAccount(page, `${app}/accounts/${big.id}`));
    const firstRows = loads[0]?.rowsInFirstPage ?? 0;
    const pageRows = loads[0]?.rowsInPage ?? 0;
    const parseFirst = median(loads.map((l) => l.parseFirstPage));
    const dataToPaint = median(loads.map((l) => l.dataToPaint));
    const dataToDom = median(loads.map((l) => l.dataToDom));
    const dataToNextFrame = median(loads.map((l) => l.dataToNextFrame));
    const timedBy = loads.every((l) => l.elementTiming)
      ? 'paint times from the Element Timing API'
      : 'paint times bounded by the next frame where Element Timing gave none';
    console.log(`First rows of "${big.title}" (median of ${LOADS} fresh loads of its page; ${timedBy})\n`);
    const row = (step: string, value: number) => [
      step,
      ms(value),
      (value / Math.max(parseFirst, 1e-6)).toFixed(1),
      (value / FRAME_MS).toFixed(2),
    ];
    table(
      ['step', 'time', '× JSON.parse of the first page', 'frames at 60 Hz'],
      [
        row(`JSON.parse of the first page (${firstRows} rows)`, parseFirst),
        row('first page arrived → first rows in the DOM', dataToDom),
        row('first page arrived → the frame after the rows’ frame began', dataToNextFrame),
        row('first page arrived → first rows painted', dataToPaint),
        row(`JSON.parse of a later page (${pageRows} rows)`, median(loads.map((l) => l.parsePage))),
        row('navigation start → first rows painted', median(loads.map((l) => l.navigationToPaint))),
      ],
    );

    const idle = await frameTimes(page, 0, IDLE_FRAMES);
    let pagesLoaded = 0;
    page.on('request', (request) => {
      if (request.url().includes(`/api/accounts/${big.id}/transactions?`)) pagesLoaded += 1;
    });
    const scrolling = await frameTimes(page, SCROLL_PX_PER_FRAME, SCROLL_FRAMES);
    const scrolledRows = await page.evaluate(() => {
      const row = document.querySelector('tr[aria-rowindex]:not([aria-rowindex="1"])');
      return Number(row?.getAttribute('aria-rowindex') ?? 0);
    });
    const stats = (deltas: number[]) => ({
      p50: percentile(deltas, 50),
      p95: percentile(deltas, 95),
      max: Math.max(...deltas),
      long: deltas.filter((d) => d > 50).length,
    });
    const quiet = stats(idle);
    const busy = stats(scrolling);
    console.log(
      `Frame times: ${IDLE_FRAMES} frames left alone, then ${SCROLL_FRAMES} frames scrolling ${SCROLL_PX_PER_FRAME} px each ` +
        `(down to row ≈${scrolledRows.toLocaleString('en-CA')}; ${pagesLoaded} page(s) of transactions loaded meanwhile)\n`,
    );
    table(
      ['frames', 'p50', 'p95', 'max', '> 50 ms'],
      [
        ['left alone', ms(quiet.p50), ms(quiet.p95), ms(quiet.max), String(quiet.long)],
        ['scrolling', ms(busy.p50), ms(busy.p95), ms(busy.max), String(busy.long)],
        [
          'scrolling / left alone',
          (busy.p50 / quiet.p50).toFixed(2),
          (busy.p95 / quiet.p95).toFixed(2),
          (busy.max / quiet.max).toFixed(2),
          '',
        ],
      ],
    );
    report({
      name: `web: first rows of a ${big.transactionCount.toLocaleString('en')}-transaction account painted after its first page arrives`,
      measured: ms(dataToPaint),
      baseline: `a frame of the page left alone ${ms(quiet.p50)}`,
      ratio: dataToPaint / quiet.p50,
      note: `median of ${LOADS} loads; rows in the DOM by ${ms(dataToDom)}, the frame after theirs began by ${ms(dataToNextFrame)}; JSON.parse of that page (${firstRows} rows) takes ${ms(parseFirst)}`,
    });
    report({
      name: `web: frame time p95 while the table scrolls (${SCROLL_FRAMES} frames) vs left alone`,
      measured: ms(busy.p95),
      baseline: `left alone ${ms(quiet.p95)}`,
      ratio: busy.p95 / quiet.p95,
      note: `max ${ms(busy.max)}, ${busy.long} frame(s) over 50 ms`,
    });
    const session = await context.cookies();
    await context.close();

    // Spending across every account, the 54,000-transaction one among them: what the person waits for once the
    // months arrive is Preact painting a few dozen rows, well within a frame whatever the account's size.
    const spendingContext = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-CA',
    });
    await spendingContext.addCookies(session);
    await spendingContext.addInitScript(instrumentSpending);
    const spendingPage = await spendingContext.newPage();
    const spendingLoads: { dataToDom: number; dataToPaint: number; serverMs: number }[] = [];
    for (let i = 0; i < LOADS; i++) spendingLoads.push(await loadSpending(spendingPage, `${app}/spending`));
    const spendingWork = median(spendingLoads.map((load) => load.dataToDom));
    const spendingPaint = median(spendingLoads.map((load) => load.dataToPaint));
    const spendingServer = median(spendingLoads.map((load) => load.serverMs));
    console.log(
      `Spending page over ${stored.toLocaleString('en-CA')} transactions (median of ${LOADS} loads): ` +
        `months arrived → categories in the DOM ${ms(spendingWork)}, painted ${ms(spendingPaint)}; ` +
        `server answered in ${ms(spendingServer)}\n`,
    );
    report({
      name: `web: spending over a ${big.transactionCount.toLocaleString('en')}-transaction account rendered after its months arrive vs a 60 Hz frame`,
      measured: ms(spendingWork),
      baseline: `frame budget ${ms(FRAME_MS)}`,
      ratio: spendingWork / FRAME_MS,
      target: { max: 1 },
      note: `median of ${LOADS} loads, months parsed to categories in the DOM; painted by ${ms(spendingPaint)}; GET /api/spending took ${ms(spendingServer)}`,
    });
    await spendingContext.close();
  } finally {
    await browser.close();
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) =>
        child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve(),
      ),
    );
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
