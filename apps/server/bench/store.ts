/**
 * Storing a GetAccountsDetail answer against the database's own floor, side by side in one run: the store
 * (read the answer, load a new account's transactions with one COPY, stage and merge a known account's)
 * against a raw COPY of the same rows into an empty table with the columns and indexes of `transactions`.
 * Rounds alternate between the two so that drift of the machine touches both alike; each round stores a new
 * answer (a link job's: every account and transaction new), then the same answer again (a refresh that finds
 * every transaction known), then a new answer as a link job's final transaction stores it (its new accounts'
 * rows loaded with their categories, then the balance check and the pairing of transfers).
 *
 *   pnpm --filter @passbook/server bench:store
 *   BENCH_STORE_ACCOUNTS=5 BENCH_STORE_TRANSACTIONS=1000 (per account) BENCH_STORE_ROUNDS=3
 *   BENCH_DATABASE_URL or TEST_DATABASE_URL: the PostgreSQL rows too (a schema of their own)
 */
import type { AccountsDetailResponse } from '@passbook/flinks';
import { checkBalances } from '../src/accounts/balance-check.ts';
import { INSERTED_COLUMNS, storeAccountsDetail } from '../src/accounts/store.ts';
import { buildApp } from '../src/app.ts';
import { categorizeNewTransactions, categorizerFor } from '../src/categories/apply.ts';
import type { CopyValue, Database } from '../src/db/database.ts';
import { timeOrderedId } from '../src/db/time-ordered-id.ts';
import { Browser } from '../test/helpers/browser.ts';
import { testConfig } from '../test/helpers/config.ts';
import { accountsDetail, type TransactionSpec } from '../test/helpers/flinks-data.ts';
import { machine, onEachEngine, report } from './load.ts';

const ACCOUNTS = Number(process.env.BENCH_STORE_ACCOUNTS ?? 5);
const PER_ACCOUNT = Number(process.env.BENCH_STORE_TRANSACTIONS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_STORE_ROUNDS ?? 3);
const TOTAL = ACCOUNTS * PER_ACCOUNT;

/** A year and more of an account's history, newest first as Flinks lists it, a few transactions a day. */
function history(account: number): TransactionSpec[] {
  const start = Date.UTC(2020, 0, 1);
  return Array.from({ length: PER_ACCOUNT }, (_, index) => {
    const n = PER_ACCOUNT - index;
    return {
      id: `${account}-${n}-${crypto.randomUUID()}`,
      date: new Date(start + Math.floor(n / 4) * 86_400_000).toISOString().slice(0, 10),
      description: `Purchase at store ${n % 97}`,
      debit: n % 3 === 0 ? null : (n % 500) + 0.25,
      credit: n % 3 === 0 ? (n % 700) + 0.5 : null,
      balance: 1000 + (n % 1000),
    };
  });
}

function answer(): AccountsDetailResponse {
  return accountsDetail(
    Array.from({ length: ACCOUNTS }, (_, account) => ({
      id: crypto.randomUUID(),
      transactions: history(account),
    })),
  );
}

/** The rows the store ends up writing, as COPY would load them into `transactions`, ids made alike. */
function rawRows(detail: AccountsDetailResponse, accountIds: string[]): CopyValue[][] {
  return detail.Accounts.flatMap((account, place) =>
    (account.Transactions ?? []).map((transaction, index) => {
      const debit = transaction.Debit === null ? null : Math.round((transaction.Debit ?? 0) * 100);
      const credit = transaction.Credit === null ? null : Math.round((transaction.Credit ?? 0) * 100);
      return [
        timeOrderedId(),
        accountIds[place] ?? null,
        transaction.Id,
        transaction.Date,
        transaction.Description ?? '',
        debit,
        credit,
        (credit ?? 0) - (debit ?? 0),
        Math.round((transaction.Balance ?? 0) * 100),
        index + 1,
      ];
    }),
  );
}

/** The raw COPY loads the very columns the store's own COPY loads. */
const RAW_COLUMNS = INSERTED_COLUMNS;

const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
const thousands = (value: number) => `${(value / 1000).toFixed(1)} k/s`;

async function measure(engine: string, db: Database): Promise<void> {
  const app = await buildApp(testConfig(), { database: db, runJobs: false });
  const user = new Browser(app);
  let storeMs = 0;
  let refreshMs = 0;
  let rawMs = 0;
  let jobMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const { link } = (await user.post('/api/links', { loginId: crypto.randomUUID() })).json();
    const userId = await user.userId();
    const detail = answer();
    const owner = { id: link.id, userId };

    let started = performance.now();
    const stored = await db.transaction((tx) => storeAccountsDetail(tx, owner, detail));
    storeMs += performance.now() - started;
    if (stored !== TOTAL) throw new Error(`stored ${stored} of ${TOTAL} transactions`);

    started = performance.now();
    const again = await db.transaction((tx) => storeAccountsDetail(tx, owner, detail));
    refreshMs += performance.now() - started;
    if (again !== 0) throw new Error(`a refresh stored ${again} transactions again`);

    const { rows } = await db.query<{ id: string; flinks_account_id: string }>(
      'SELECT id, flinks_account_id FROM accounts WHERE link_id = $1',
      [link.id],
    );
    const byFlinksId = new Map(rows.map((row) => [row.flinks_account_id, row.id]));
    const accountIds = detail.Accounts.map((account) => byFlinksId.get(account.Id.toLowerCase()) ?? '');
    const raw = rawRows(detail, accountIds);
    await db.query('DROP TABLE IF EXISTS raw_transactions');
    await db.query('CREATE TABLE raw_transactions (LIKE transactions INCLUDING DEFAULTS INCLUDING INDEXES)');
    started = performance.now();
    const copied = await db.transaction((tx) => tx.copyRows('raw_transactions', RAW_COLUMNS, raw));
    rawMs += performance.now() - started;
    if (copied !== TOTAL) throw new Error(`raw COPY loaded ${copied} of ${TOTAL} rows`);

    // A person of its own, so that categorising finds only this answer's transactions.
    const person = new Browser(app);
    const job = (await person.post('/api/links', { loginId: crypto.randomUUID() })).json();
    const personId = await person.userId();
    const jobDetail = answer();
    started = performance.now();
    await db.transaction(async (tx) => {
      const categorize = await categorizerFor(tx, personId);
      await storeAccountsDetail(tx, { id: job.link.id, userId: personId }, jobDetail, new Date(), categorize);
      await checkBalances(tx, job.link.id);
      await categorizeNewTransactions(tx, personId);
    });
    jobMs += performance.now() - started;
    const { rows: categorized } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM transactions t JOIN accounts a ON a.id = t.account_id
       WHERE a.link_id = $1 AND t.category IS NOT NULL`,
      [job.link.id],
    );
    if (categorized[0]?.n !== TOTAL)
      throw new Error(`categorised ${categorized[0]?.n} of ${TOTAL} transactions`);
  }
  await db.query('DROP TABLE raw_transactions');
  await app.close();

  const rows = ROUNDS * TOTAL;
  const store = perSecond(rows, storeMs);
  const refresh = perSecond(rows, refreshMs);
  const raw = perSecond(rows, rawMs);
  const job = perSecond(rows, jobMs);
  console.log(
    `${engine}: ${ROUNDS} × ${ACCOUNTS} accounts × ${PER_ACCOUNT} transactions — stored ${thousands(store)}, ` +
      `refreshed (all known) ${thousands(refresh)}, stored as a link job does ${thousands(job)}, ` +
      `raw COPY ${thousands(raw)}`,
  );
  report({
    name: `store: new transactions/s vs raw COPY, ${engine}`,
    measured: thousands(store),
    baseline: `raw COPY ${thousands(raw)}`,
    ratio: store / raw,
    target: { min: 0.5 },
    note: `${ACCOUNTS} accounts × ${PER_ACCOUNT} transactions per answer`,
  });
  report({
    name: `store: refresh of known transactions/s vs raw COPY, ${engine}`,
    measured: thousands(refresh),
    baseline: `raw COPY ${thousands(raw)}`,
    ratio: refresh / raw,
    target: { min: 0.5 },
    note: 'the same answer stored again: nothing new',
  });
  report({
    name: `store: a link job's store transaction/s vs raw COPY, ${engine}`,
    measured: thousands(job),
    baseline: `raw COPY ${thousands(raw)}`,
    ratio: job / raw,
    note: 'the store (its new rows loaded categorised), the balance check and the pairing, as the job commits them; the raw COPY loads no category',
  });
}

console.log(`Storing answers against a raw COPY — ${machine()}`);
await onEachEngine(measure, 'store: new transactions/s vs raw COPY, PostgreSQL');
