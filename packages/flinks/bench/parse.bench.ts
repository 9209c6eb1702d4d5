/**
 * How much the client's schema costs on a large GetAccountsDetail answer: a 50,000-transaction body is
 * decoded with `JSON.parse` alone and with the client's own 200 path (JSON.parse + Flinks failure check +
 * AccountsDetailResponse), alternately in one run, and the ratio of the medians is printed.
 *
 * Run: pnpm --filter @passbook/flinks bench
 */
import { decodeBody } from '../src/decode.ts';
import { AccountsDetailResponse } from '../src/schemas.ts';
import { account, accountsDetail200 } from '../test/fixtures.ts';

const TRANSACTIONS = 50_000;
const WARMUP_ROUNDS = 5;
const MEASURED_ROUNDS = 21;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same body. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(20_240_501);
const hex = (length: number) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('');
const guid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
const cents = (max: number) => Math.round(next() * max * 100) / 100;

const DESCRIPTIONS = [
  'PAYROLL - ACME CORP',
  'national money',
  'INTERAC E-TRANSFER',
  'SAQ 23041 MONTREAL',
  'METRO PLUS #312',
  'HYDRO-QUEBEC',
  'NETFLIX.COM',
  'STM OPUS RECHARGE',
  'TRANSFER TO SAVINGS',
  'ATM WITHDRAWAL 0042',
];

function transactions(count: number, openingBalance: number) {
  const list = [];
  let balance = openingBalance;
  const day = new Date(Date.UTC(2025, 11, 31));
  for (let index = 0; index < count; index++) {
    if (next() < 0.15) day.setUTCDate(day.getUTCDate() - 1);
    const isCredit = next() < 0.3;
    const amount = isCredit ? cents(3000) : cents(250);
    balance = Math.round((balance - (isCredit ? amount : -amount)) * 100) / 100;
    list.push({
      Id: guid(),
      Date: day.toISOString().slice(0, 10),
      Code: null,
      Description: `${DESCRIPTIONS[index % DESCRIPTIONS.length]} ${String(index % 997).padStart(4, '0')}`,
      Debit: isCredit ? null : amount,
      Credit: isCredit ? amount : null,
      Balance: balance,
    });
  }
  return list;
}

/** A published-shape account (the test fixture) with its own identity, balances and transactions. */
function benchAccount(title: string, type: string, category: string, count: number) {
  return account({
    Title: title,
    Type: type,
    Category: category,
    AccountNumber: String(1_111_000 + count),
    LastFourDigits: String(count).slice(-4).padStart(4, '0'),
    Balance: {
      Available: cents(60_000),
      Current: cents(60_000),
      Limit: type === 'CreditCard' ? '5000.00' : null,
    },
    Id: guid(),
    Transactions: transactions(count, 50_000),
  });
}

const body = JSON.stringify({
  ...accountsDetail200([
    benchAccount('Chequing CAD', 'Chequing', 'Operations', 30_000),
    benchAccount('Savings CAD', 'Savings', 'Operations', 10_000),
    benchAccount('Visa CAD', 'CreditCard', 'Credits', TRANSACTIONS - 40_000),
  ]),
  RequestId: guid(),
});

const context = { endpoint: 'GetAccountsDetailAsync', status: 200, sensitive: [] };
const gc = (globalThis as { gc?: () => void }).gc;

function time(run: () => unknown): number {
  gc?.();
  const started = performance.now();
  run();
  return performance.now() - started;
}

const plain = () => JSON.parse(body) as unknown;
const client = () => decodeBody(body, AccountsDetailResponse, context);

const decoded = client();
const counted = decoded.Accounts.reduce((sum, item) => sum + (item.Transactions?.length ?? 0), 0);
if (counted !== TRANSACTIONS) throw new Error(`expected ${TRANSACTIONS} transactions, decoded ${counted}`);

for (let round = 0; round < WARMUP_ROUNDS; round++) {
  plain();
  client();
}
const plainTimes: number[] = [];
const clientTimes: number[] = [];
for (let round = 0; round < MEASURED_ROUNDS; round++) {
  // Alternate which goes first so neither always runs on a freshly collected heap.
  if (round % 2 === 0) {
    plainTimes.push(time(plain));
    clientTimes.push(time(client));
  } else {
    clientTimes.push(time(client));
    plainTimes.push(time(plain));
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const plainMs = median(plainTimes);
const clientMs = median(clientTimes);
const megabytes = (Buffer.byteLength(body) / 1_000_000).toFixed(1);
console.log(
  `parse.bench: ${TRANSACTIONS.toLocaleString('en')} transactions, ${megabytes} MB — JSON.parse ${plainMs.toFixed(1)} ms, ` +
    `JSON.parse + client schema ${clientMs.toFixed(1)} ms (median of ${MEASURED_ROUNDS}${gc ? ', gc between runs' : ''}) → ` +
    `${(clientMs / plainMs).toFixed(2)}× (target ≤ 2×)`,
);
// The row of `pnpm bench`'s table (scripts/bench.mjs at the workspace root reads it).
console.log(
  `BENCH_RESULT ${JSON.stringify({
    name: `GetAccountsDetail, ${TRANSACTIONS.toLocaleString('en')} transactions: JSON.parse + client schema vs JSON.parse`,
    measured: `${clientMs.toFixed(1)} ms`,
    baseline: `JSON.parse ${plainMs.toFixed(1)} ms`,
    ratio: clientMs / plainMs,
    target: { max: 2 },
    note: `${megabytes} MB, median of ${MEASURED_ROUNDS}`,
  })}`,
);
