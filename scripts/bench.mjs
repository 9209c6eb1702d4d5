#!/usr/bin/env node
/**
 * `pnpm bench`: every benchmark of the workspace, one after the other on this machine, then one table of what
 * each measured against the baseline it measured side by side in the same run, and the machine it ran on.
 *
 * Each package's `bench` script stays runnable alone and prints its own report; for this table it also prints
 * lines `BENCH_RESULT {json}` with `name`, and either `measured` (text), `baseline` (text), `ratio` (measured
 * ÷ baseline), `target` (`{max}` or `{min}` bounding the ratio) and `note`, or `skipped` (why).
 *
 * The web benchmark runs the production builds, so they are built first. BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) adds the PostgreSQL rows; BENCH_ONLY=@passbook/server,… runs some packages only.
 * Nothing here passes or fails on timing: the exit code says only whether every benchmark ran.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MARK = 'BENCH_RESULT ';

const BENCHES = [
  { name: '@passbook/flinks', what: 'the client parsing a large GetAccountsDetail' },
  { name: '@passbook/flinks-sandbox', what: 'the emulator' },
  { name: '@passbook/server', what: 'links throughput, link jobs, the scale curve, scheduled syncs' },
  { name: '@passbook/e2e', what: 'the web app: bundle, first rows painted, scrolling' },
];

function firstMatch(file, pattern) {
  try {
    return pattern.exec(readFileSync(file, 'utf8'))?.[1]?.trim() ?? null;
  } catch {
    return null;
  }
}

function machine() {
  const cpus = os.cpus();
  const model = firstMatch('/proc/cpuinfo', /^model name\s*:\s*(.+)$/m) ?? cpus[0]?.model.trim() ?? 'unknown';
  const distribution = firstMatch('/etc/os-release', /^PRETTY_NAME="?([^"\n]+)"?$/m);
  const kernel = `${os.type()} ${os.release()} ${os.arch()}`;
  return [
    `CPU ${cpus.length} × ${model}`,
    `RAM ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`,
    `Node ${process.version}`,
    `OS ${distribution ? `${distribution} (${kernel})` : kernel}`,
  ].join(' · ');
}

const loadAverage = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');

/** Runs one package's bench script, echoing its report and keeping its result lines. */
function runBench(bench) {
  return new Promise((resolve) => {
    const started = Date.now();
    const results = [];
    const child = spawn('pnpm', ['--filter', bench.name, 'run', 'bench'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith(MARK)) {
        console.log(line);
        return;
      }
      try {
        results.push(JSON.parse(line.slice(MARK.length)));
      } catch {
        results.push({ name: `${bench.name}: unreadable result line`, skipped: line.slice(0, 80) });
      }
    });
    child.on('close', (code) => resolve({ ...bench, code, results, seconds: (Date.now() - started) / 1000 }));
  });
}

function verdict(result) {
  if (result.skipped !== undefined) return 'skipped';
  const { target, ratio } = result;
  if (!target || typeof ratio !== 'number') return 'info';
  const met =
    (target.max === undefined || ratio <= target.max) && (target.min === undefined || ratio >= target.min);
  return met ? 'met' : 'missed';
}

function targetText(target) {
  if (!target) return '—';
  return [
    target.min !== undefined ? `≥ ${target.min}×` : null,
    target.max !== undefined ? `≤ ${target.max}×` : null,
  ]
    .filter(Boolean)
    .join(' and ');
}

function printTable(runs) {
  const header = ['benchmark', 'measured', 'baseline (side by side)', 'ratio', 'target', 'verdict'];
  const notes = [];
  const sections = runs.map((run) => {
    const rows = run.results.map((result) => {
      let name = result.name;
      if (result.note) {
        notes.push(result.note);
        name += ` [${notes.length}]`;
      }
      return [
        name,
        result.skipped !== undefined ? `skipped: ${result.skipped}` : (result.measured ?? '—'),
        result.baseline ?? '—',
        typeof result.ratio === 'number' ? `${result.ratio.toFixed(2)}×` : '—',
        targetText(result.target),
        verdict(result),
      ];
    });
    if (run.code !== 0)
      rows.push([`${run.name} bench`, `FAILED (exit ${run.code})`, '—', '—', '—', 'failed']);
    return { title: `${run.name} — ${run.what} (${run.seconds.toFixed(0)} s)`, rows };
  });
  const all = [header, ...sections.flatMap((section) => section.rows)];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join(' │ ')
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
  console.log(line(header));
  console.log(rule);
  for (const section of sections) {
    console.log(section.title);
    for (const row of section.rows) console.log(line(row));
    console.log(rule);
  }
  for (const [index, note] of notes.entries()) console.log(`[${index + 1}] ${note}`);
}

const only = process.env.BENCH_ONLY?.split(',');
const benches = BENCHES.filter((bench) => !only || only.includes(bench.name));
const started = Date.now();
const loadBefore = loadAverage();

console.log('▸ building the app, the web app and the emulator (the web benchmark runs the builds)');
const build = spawnSync('pnpm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error(`✗ pnpm run build exited with ${build.status}`);
  process.exit(1);
}

const runs = [];
for (const bench of benches) {
  console.log(`\n▸ ${bench.name}: ${bench.what}`);
  runs.push(await runBench(bench));
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\n${'═'.repeat(100)}`);
console.log(`Passbook benchmarks — ${new Date().toISOString()}, ${minutes} min in all`);
console.log(machine());
console.log(
  `load average (1/5/15 min) ${loadBefore} at the start, ${loadAverage()} at the end` +
    (process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL
      ? '; PostgreSQL rows on BENCH_DATABASE_URL/TEST_DATABASE_URL'
      : '; PostgreSQL rows skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)'),
);
console.log('ratio = measured ÷ baseline, both measured in this run\n');
printTable(runs);
process.exit(runs.every((run) => run.code === 0) ? 0 : 1);
