/**
 * How fast the emulator answers, measured against a separate emulator process over HTTP (keep-alive):
 * - latency of the 200 body for the standard and the large user, first (generation and serialisation
 *   included) and then from the Async poller (cached);
 * - throughput of a pending Async poll, with 64 concurrent pollers, side by side with a bare Fastify process
 *   that sends the same 202 answer (alternating rounds), so that the ratio shows what the emulator's work
 *   costs over the framework's floor;
 * - memory of the emulator holding 10,000 sessions with data processing under way.
 * Run: pnpm --filter @passbook/flinks-sandbox bench
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SandboxControl, TOOLBOX } from '../src/index.ts';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A process that prints `listening on <origin>` once it listens. */
async function startProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, {
    cwd: packageRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`${args.at(-1)} exited with ${code}`)));
  });
  return { child, url };
}

function startEmulator(): Promise<{ child: ChildProcess; url: string }> {
  return startProcess(['--import', 'tsx', join(packageRoot, 'src', 'main.ts')], {
    SANDBOX_PORT: '0',
    SANDBOX_HOST: '127.0.0.1',
    SANDBOX_PROCESSING_MS: '0',
  });
}

/** The floor: Fastify answering every GET with a fixed status, content type and body, and nothing else. */
const BARE_SERVER = `
const app = require('fastify')();
const { status, type, body } = JSON.parse(process.env.BARE_ANSWER);
app.get('/*', async (_request, reply) => reply.status(status).type(type).send(body));
app.listen({ port: 0, host: '127.0.0.1' }).then((url) => console.log('listening on ' + url));
`;

function startBare(answer: { status: number; type: string; body: string }) {
  return startProcess(['-e', BARE_SERVER, 'bare Fastify'], { BARE_ANSWER: JSON.stringify(answer) });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const { child, url } = await startEmulator();
const base = `${url}/v3/${TOOLBOX.customerId}/BankingServices`;
const control = new SandboxControl(url);

async function call(
  method: string,
  endpoint: string,
  headers: Record<string, string>,
  body?: unknown,
  origin = base,
) {
  const response = await fetch(`${origin}/${endpoint}`, {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, text, type: response.headers.get('content-type') ?? '' };
}

/** Pending Async polls answered per second, 64 pollers each sending its next poll when answered. */
async function pollRate(origin: string, requestIds: string[], seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let polls = 0;
  await Promise.all(
    Array.from({ length: 64 }, async (_, worker) => {
      while (performance.now() < deadline) {
        const path = `GetAccountsDetailAsync/${requestIds[worker % requestIds.length]}`;
        const { status } = await call('GET', path, apiKey, undefined, origin);
        if (status !== 202) throw new Error(`expected 202, got ${status}`);
        polls++;
      }
    }),
  );
  return polls / seconds;
}

async function session(username: string): Promise<string> {
  const token = JSON.parse(
    (await call('POST', 'GenerateAuthorizeToken', { 'flinks-auth-key': TOOLBOX.secretKey })).text,
  ).Token;
  const authorized = await call(
    'POST',
    'Authorize',
    { 'flinks-auth-key': token },
    { Username: username, Password: 'Everyday', Institution: 'FlinksCapital' },
  );
  return JSON.parse(authorized.text).RequestId;
}

const apiKey = { 'x-api-key': TOOLBOX.apiKey };
const ROUNDS = 3;
const rows: Array<[string, string]> = [];
/** Rows of `pnpm bench`'s table (scripts/bench.mjs at the workspace root reads the BENCH_RESULT lines). */
const results: object[] = [];

try {
  for (const username of ['greatday_nomfa', 'test_large_history']) {
    const requestId = await session(username);
    // With no processing time the first call answers 200 at once: generation and serialisation included.
    let started = performance.now();
    const first = await call('POST', 'GetAccountsDetail', apiKey, {
      RequestId: requestId,
      DaysOfTransactions: 'Days365',
    });
    const cold = performance.now() - started;
    if (first.status !== 200) throw new Error(`expected 200, got ${first.status}`);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      started = performance.now();
      await call('GET', `GetAccountsDetailAsync/${requestId}`, apiKey);
      times.push(performance.now() - started);
    }
    const transactions = (JSON.parse(first.text).Accounts as Array<{ Transactions: unknown[] }>).reduce(
      (sum, account) => sum + account.Transactions.length,
      0,
    );
    rows.push([
      `200 body, ${username} (${transactions.toLocaleString('en')} transactions, ${(first.text.length / 1e6).toFixed(1)} MB)`,
      `first ${cold.toFixed(0)} ms, then Async median ${median(times).toFixed(1)} ms`,
    ]);
  }

  await control.configure({ processingMs: 3_600_000 });
  const pending: string[] = [];
  for (let i = 0; i < 20; i++) {
    const requestId = await session('greatday_nomfa');
    await call('POST', 'GetAccountsDetail', apiKey, { RequestId: requestId });
    pending.push(requestId);
  }
  const answer = await call('GET', `GetAccountsDetailAsync/${pending[0]}`, apiKey);
  const bare = await startBare({ status: answer.status, type: answer.type, body: answer.text });
  const bareBase = `${bare.url}/v3/${TOOLBOX.customerId}/BankingServices`;
  let emulatorRate = 0;
  let bareRate = 0;
  try {
    await pollRate(base, pending, 0.5);
    await pollRate(bareBase, pending, 0.5);
    for (let round = 0; round < ROUNDS; round++) {
      emulatorRate += (await pollRate(base, pending, 2)) / ROUNDS;
      bareRate += (await pollRate(bareBase, pending, 2)) / ROUNDS;
    }
  } finally {
    bare.child.kill('SIGTERM');
  }
  const perSecond = (rate: number) => `${Math.round(rate).toLocaleString('en')} requests/s`;
  rows.push([
    'pending Async poll (202), 64 concurrent',
    `${perSecond(emulatorRate)}; bare Fastify, same answer, ${perSecond(bareRate)} (${(emulatorRate / bareRate).toFixed(2)}×)`,
  ]);
  results.push({
    name: 'emulator: pending Async poll (202), 64 concurrent, vs bare Fastify sending the same answer',
    measured: perSecond(emulatorRate),
    baseline: `bare ${perSecond(bareRate)}`,
    ratio: emulatorRate / bareRate,
    note: `${ROUNDS} alternating rounds of 2 s`,
  });

  await control.reset();
  await control.configure({ processingMs: 3_600_000 });
  const before = rssMb(child.pid ?? 0);
  const count = 10_000;
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < count) {
        next++;
        const requestId = await session('greatday_nomfa');
        await call('POST', 'GetAccountsDetail', apiKey, { RequestId: requestId });
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const after = rssMb(child.pid ?? 0);
  rows.push([
    `${count.toLocaleString('en')} logins with processing sessions (3 calls each)`,
    `${elapsed.toFixed(1)} s (${Math.round((3 * count) / elapsed).toLocaleString('en')} requests/s), RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB`,
  ]);
  results.push({
    name: `emulator: ${count.toLocaleString('en')} logins with processing sessions (3 calls each)`,
    measured: `${Math.round((3 * count) / elapsed).toLocaleString('en')} requests/s; RSS +${(after - before).toFixed(0)} MB`,
  });
} finally {
  child.kill('SIGTERM');
}

console.log(`\nFlinks emulator — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
const width = Math.max(...rows.map(([name]) => name.length));
for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
for (const result of results) console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
