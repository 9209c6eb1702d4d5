/**
 * Flinks' own categorisation (Enrich, `FLINKS_ENRICH=true`) against the emulator over HTTP: after a retrieval
 * each transaction takes Flinks' Category/SubCategory mapped onto Passbook's keys, unknown ones fall back to
 * Passbook's rules, a person's rule or own choice always wins, and Enrich failing never fails the retrieval.
 */
import { PassThrough } from 'node:stream';
import type { CategoryKey } from '@passbook/contracts';
import type { Sandbox } from '@passbook/flinks-sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countingUpdates } from '../helpers/row-writes.ts';
import { appOn, startSandbox, waitForJob } from '../helpers/stack.ts';

interface TransactionView {
  id: string;
  description: string;
  amount: number;
  merchant: string | null;
  category: CategoryKey | null;
  categorySource: string | null;
  transferAccountId: string | null;
}

interface AccountView {
  id: string;
  title: string;
}

describe.each(ENGINES)('Flinks Enrich categories on %s', (engine) => {
  let database: TestDatabase;
  let sandbox: Sandbox;
  let app: FastifyInstance;
  let logLines: string[] = [];

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([openTestDatabase(engine), startSandbox()]);
    const stream = new PassThrough();
    stream.on('data', (chunk) => logLines.push(String(chunk)));
    app = await appOn(
      sandbox,
      database.db,
      { FLINKS_ENRICH: 'true', LOG_LEVEL: 'info' },
      { logStream: stream },
    );
  });
  beforeEach(async () => {
    logLines = [];
    await sandbox.control.clearFaults();
    await sandbox.control.clearCalls();
  });

  afterAll(async () => {
    await app.close();
    await sandbox.close();
    await database.close();
  });

  async function linked(user = new Browser(app)) {
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const created = (await user.post('/api/links', { loginId })).json();
    expect((await waitForJob(user, created.job.id)).state).toBe('succeeded');
    const accounts = (await user.get(`/api/links/${created.link.id}`)).json().link.accounts as AccountView[];
    return { user, loginId, link: created.link as { id: string }, accounts };
  }

  async function everyTransaction(user: Browser, accounts: AccountView[]) {
    const all: TransactionView[] = [];
    for (const account of accounts) {
      const page = (await user.get(`/api/accounts/${account.id}/transactions?limit=10000`)).json();
      all.push(...page.transactions);
    }
    return all;
  }

  const find = (all: TransactionView[], start: string) => {
    const found = all.filter((transaction) => transaction.description.startsWith(start));
    expect(found.length, start).toBeGreaterThan(0);
    return found;
  };

  it('takes each transaction’s category from Flinks, mapped onto Passbook’s keys; unknown ones from the rules', async () => {
    const { user, accounts } = await linked();
    const calls = await sandbox.control.calls({ endpoint: 'GetCategorization' });
    expect(calls.map((call) => call.status)).toEqual([200]);
    const all = await everyTransaction(user, accounts);
    expect(all.length).toBeGreaterThan(500);
    for (const transaction of all) {
      expect(transaction.category).not.toBeNull();
      expect(transaction.merchant).not.toBeNull();
    }
    // Flinks reads the USD deposits "national money" as income, where Passbook's rules know nothing of them.
    for (const t of find(all, 'national money'))
      expect(t).toMatchObject({ category: 'income', categorySource: 'flinks' });
    // Flinks files Couche-Tard with fuel; Passbook's rules would say groceries.
    for (const t of find(all, 'INTERAC PURCHASE - COUCHE-TARD'))
      expect(t).toMatchObject({ category: 'transport', categorySource: 'flinks', merchant: 'Couche-Tard' });
    for (const t of find(all, 'PAYROLL - NORTHWIND'))
      expect(t).toMatchObject({ category: 'income', categorySource: 'flinks' });
    for (const t of find(all, 'TRANSFER TO SAVINGS'))
      expect(t).toMatchObject({ category: 'transfers', categorySource: 'flinks' });
    for (const t of find(all, 'NETFLIX'))
      expect(t).toMatchObject({ category: 'subscriptions', categorySource: 'flinks' });
    // Flinks' "Education" has no Passbook key: Passbook's own rules decide.
    for (const t of find(all, 'INDIGO'))
      expect(t).toMatchObject({ category: 'shopping', categorySource: 'builtin' });
    // Transfers between one's own accounts are still paired.
    for (const t of find(all, 'TRANSFER TO SAVINGS')) expect(t.transferAccountId).not.toBeNull();
  });

  it('loads a link job’s new transactions categorised (a rule, Flinks’, the built-in set) and never writes them again, but for a transfer’s half, which takes its peer once', async () => {
    // Every UPDATE of a transaction row is counted by the database itself, for this test only.
    await countingUpdates(database.db, 'transactions', async (writesSoFar) => {
      const user = new Browser(app);
      // Two rules match the Netflix rows: the latest saved wins, as on the history.
      for (const rule of [
        { match: 'netflix', category: 'entertainment' },
        { match: 'netflix.com', category: 'business' },
      ])
        expect((await user.post('/api/category-rules', rule)).statusCode).toBe(201);
      const { accounts } = await linked(user);
      const all = await everyTransaction(user, accounts);
      for (const t of find(all, 'NETFLIX'))
        expect(t).toMatchObject({ category: 'business', categorySource: 'rule' });
      for (const t of find(all, 'INTERAC PURCHASE - COUCHE-TARD'))
        expect(t).toMatchObject({ category: 'transport', categorySource: 'flinks', merchant: 'Couche-Tard' });
      for (const t of find(all, 'INDIGO'))
        expect(t).toMatchObject({ category: 'shopping', categorySource: 'builtin' });
      for (const t of all) expect(t.category, t.description).not.toBeNull();
      const transfers = find(all, 'TRANSFER TO SAVINGS');
      for (const t of transfers) expect(t.transferAccountId, t.description).not.toBeNull();

      const writes = await writesSoFar();
      const paired = all.filter((t) => t.transferAccountId !== null);
      expect(paired.length).toBeGreaterThanOrEqual(2 * transfers.length);
      // The COPY wrote each row whole; only pairing, which needs the other account's rows, writes after it.
      for (const t of all)
        expect(writes.get(t.id) ?? 0, t.description).toBe(t.transferAccountId === null ? 0 : 1);
    });
  });

  it('never overrides a person’s rule or own choice, on the first retrieval or after a refresh', async () => {
    const user = new Browser(app);
    const rule = await user.post('/api/category-rules', { match: 'national money', category: 'business' });
    expect(rule.statusCode).toBe(201);
    const { link, accounts } = await linked(user);
    const before = await everyTransaction(user, accounts);
    for (const t of find(before, 'national money'))
      expect(t).toMatchObject({ category: 'business', categorySource: 'rule' });

    const [coffee] = find(before, 'TIM HORTONS');
    if (!coffee) throw new Error('no coffee');
    expect(coffee.categorySource).toBe('flinks');
    expect((await user.patch(`/api/transactions/${coffee.id}`, { category: 'business' })).statusCode).toBe(
      200,
    );

    const started = await user.post(`/api/links/${link.id}/refresh`);
    expect((await waitForJob(user, started.json().job.id)).state).toBe('succeeded');
    const after = await everyTransaction(user, accounts);
    expect(after.length).toBeGreaterThan(before.length);
    for (const t of find(after, 'national money'))
      expect(t).toMatchObject({ category: 'business', categorySource: 'rule' });
    expect(after.find((t) => t.id === coffee.id)).toMatchObject({
      category: 'business',
      categorySource: 'manual',
    });
    // What the refresh brought is categorised by Flinks too.
    const fresh = after.filter((t) => !before.some((old) => old.id === t.id));
    expect(fresh.some((t) => t.categorySource === 'flinks')).toBe(true);
  });

  it('stores the retrieval with Passbook’s categories when Enrich fails, logging why without secrets', async () => {
    await sandbox.control.injectFault({ endpoint: 'GetCategorization', kind: 'status', status: 503 });
    const { user, loginId, accounts } = await linked();
    const all = await everyTransaction(user, accounts);
    expect(all.length).toBeGreaterThan(500);
    for (const transaction of all) expect(transaction.categorySource).toBe('builtin');
    for (const t of find(all, 'INTERAC PURCHASE - COUCHE-TARD')) expect(t.category).toBe('groceries');
    const log = logLines.join('');
    expect(log).toContain('Flinks categorisation unavailable');
    expect(log).toContain('HTTP_ERROR');
    expect(log).not.toContain(loginId);
    expect(log).not.toContain(sandbox.secretKey);
    expect(log).not.toContain('COUCHE-TARD');
  });

  it('asks again while Enrich answers 202 (still processing), then takes its categories', async () => {
    await sandbox.control.injectFault({
      endpoint: 'GetCategorization',
      kind: 'flinks',
      status: 202,
      flinksCode: 'OPERATION_PENDING',
      count: 2,
    });
    const { user, accounts } = await linked();
    const calls = await sandbox.control.calls({ endpoint: 'GetCategorization' });
    expect(calls.map((call) => call.status)).toEqual([202, 202, 200]);
    for (const t of find(await everyTransaction(user, accounts), 'national money'))
      expect(t).toMatchObject({ category: 'income', categorySource: 'flinks' });
  });

  it('stores the retrieval when Enrich answers something unreadable, or does not answer at all', async () => {
    await sandbox.control.injectFault({
      endpoint: 'GetCategorization',
      kind: 'malformed',
      variant: 'wrong-shape',
    });
    const first = await linked();
    for (const t of await everyTransaction(first.user, first.accounts))
      expect(t.categorySource).toBe('builtin');
    await sandbox.control.injectFault({ endpoint: 'GetCategorization', kind: 'drop' });
    const second = await linked();
    for (const t of await everyTransaction(second.user, second.accounts))
      expect(t.categorySource).toBe('builtin');
    expect(logLines.join('')).toContain('MALFORMED_RESPONSE');
  });
});

describe('without FLINKS_ENRICH', () => {
  let database: TestDatabase;
  let sandbox: Sandbox;
  let app: FastifyInstance;

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([openTestDatabase('pglite'), startSandbox()]);
    app = await appOn(sandbox, database.db);
  });
  afterAll(async () => {
    await app.close();
    await sandbox.close();
    await database.close();
  });

  it('never calls Enrich and categorises by Passbook’s rules', async () => {
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const created = (await user.post('/api/links', { loginId })).json();
    expect((await waitForJob(user, created.job.id)).state).toBe('succeeded');
    expect(await sandbox.control.calls({ endpoint: 'GetCategorization' })).toEqual([]);
  });
});
