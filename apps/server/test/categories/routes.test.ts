/**
 * Categories end to end against the emulator over HTTP: every linked transaction gets a merchant and a
 * category; the person's own category and rules apply to the history and to what later refreshes bring;
 * transfers between their own accounts are paired and left out of spending; spending adds up to the
 * transactions behind it.
 */
import type { CategoryKey } from '@passbook/contracts';
import { describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/database.ts';
import { waitForJob } from '../helpers/stack.ts';
import { type AccountView, linkBank, useStack } from '../helpers/suite.ts';

interface TransactionView {
  id: string;
  date: string;
  description: string;
  amount: number;
  merchant: string | null;
  category: CategoryKey | null;
  categorySource: string | null;
  transferAccountId: string | null;
}

describe.each(ENGINES)('categories and spending on %s', (engine) => {
  const stack = useStack(engine);

  async function linked() {
    const linked = await linkBank(stack);
    expect(linked.job.state).toBe('succeeded');
    return linked;
  }

  async function transactionsOf(user: Browser, accountId: string, query = ''): Promise<TransactionView[]> {
    const page = (await user.get(`/api/accounts/${accountId}/transactions?limit=10000${query}`)).json();
    return page.transactions;
  }

  async function everyTransaction(user: Browser, accounts: AccountView[]) {
    const all: (TransactionView & { account: AccountView })[] = [];
    for (const account of accounts)
      for (const transaction of await transactionsOf(user, account.id)) all.push({ ...transaction, account });
    return all;
  }

  async function refresh(user: Browser, linkId: string) {
    const started = await user.post(`/api/links/${linkId}/refresh`);
    expect(started.statusCode).toBe(202);
    expect((await waitForJob(user, started.json().job.id)).state).toBe('succeeded');
  }

  it('gives every stored transaction a merchant and a category, raw description kept and searchable', async () => {
    const { user, accounts } = await linked();
    const all = await everyTransaction(user, accounts);
    expect(all.length).toBeGreaterThan(500);
    for (const transaction of all) {
      expect(transaction.merchant).not.toBeNull();
      expect(transaction.category).not.toBeNull();
      expect(transaction.categorySource).toBe('builtin');
    }
    const couche = all.find((transaction) => transaction.description.includes('COUCHE-TARD'));
    expect(couche).toMatchObject({ merchant: 'Couche-Tard', category: 'groceries' });
    const chequing = accounts.find((account) => account.title === 'Chequing CAD');
    if (!chequing) throw new Error('no chequing account');
    const byMerchant = await transactionsOf(user, chequing.id, '&q=Couche-Tard');
    const byRaw = await transactionsOf(user, chequing.id, '&q=%23523');
    expect(byMerchant.length).toBeGreaterThan(0);
    expect(byRaw.map((transaction) => transaction.id)).toEqual(
      byMerchant.map((transaction) => transaction.id),
    );
  });

  it('applies a rule to the history and to what a refresh brings; a hand-set category outlives both', async () => {
    const { user, link, accounts } = await linked();
    const before = await everyTransaction(user, accounts);
    const received = before.filter((transaction) => transaction.description.includes('E-TRANSFER RECEIVED'));
    expect(received.length).toBeGreaterThan(1);
    const [handSet, ...others] = received;
    if (!handSet) throw new Error('no e-transfer');

    const patched = await user.patch(`/api/transactions/${handSet.id}`, { category: 'shopping' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().transaction).toMatchObject({ category: 'shopping', categorySource: 'manual' });

    const created = await user.post('/api/category-rules', {
      match: 'e-transfer received',
      category: 'income',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ rule: { match: 'E-TRANSFER RECEIVED', category: 'income' } });
    expect(created.json().applied).toBe(others.length);
    expect((await user.get('/api/category-rules')).json().rules).toHaveLength(1);

    // The emulator's live refresh always adds an e-transfer received.
    await refresh(user, link.id);
    const after = await everyTransaction(user, accounts);
    const receivedAfter = after.filter((transaction) =>
      transaction.description.includes('E-TRANSFER RECEIVED'),
    );
    expect(receivedAfter.length).toBeGreaterThan(received.length);
    for (const transaction of receivedAfter) {
      if (transaction.id === handSet.id)
        expect(transaction).toMatchObject({ category: 'shopping', categorySource: 'manual' });
      else expect(transaction).toMatchObject({ category: 'income', categorySource: 'rule' });
    }
    // Everything else kept its built-in category through the refresh.
    const untouched = new Map(after.map((transaction) => [transaction.id, transaction.category]));
    for (const transaction of before)
      if (!transaction.description.includes('E-TRANSFER RECEIVED'))
        expect(untouched.get(transaction.id)).toBe(transaction.category);
  });

  it('pairs transfers between the person’s own accounts and leaves them out of spending', async () => {
    const { user, accounts } = await linked();
    const all = await everyTransaction(user, accounts);
    const toSavings = all.filter((transaction) => transaction.description.startsWith('TRANSFER TO SAVINGS'));
    const savings = accounts.find((account) => account.title === 'Savings CAD');
    expect(toSavings.length).toBeGreaterThanOrEqual(12);
    for (const transaction of toSavings) expect(transaction.transferAccountId).toBe(savings?.id);
    const cardPayments = all.filter((transaction) =>
      transaction.description.startsWith('BILL PAYMENT - VISA'),
    );
    const card = accounts.find((account) => account.title === 'Visa Infinite');
    for (const transaction of cardPayments) expect(transaction.transferAccountId).toBe(card?.id);
    // A purchase is never half of a transfer.
    for (const transaction of all)
      if (transaction.category !== 'transfers') expect(transaction.transferAccountId).toBeNull();
  });

  it('adds spending up per month and category from the transactions behind it, and moves it with a rule', async () => {
    const { user, accounts } = await linked();
    const spending = (await user.get('/api/spending?months=3')).json();
    expect(spending.currency).toBe('CAD');
    expect(spending.currencies).toEqual(expect.arrayContaining(['CAD', 'USD']));
    expect(spending.months).toHaveLength(3);

    const all = await everyTransaction(user, accounts);
    const expected = (month: string, category: string) =>
      all
        .filter(
          (transaction) =>
            transaction.account.currency === 'CAD' &&
            transaction.date.startsWith(month) &&
            transaction.category === category,
        )
        .reduce((sum, transaction) => sum - transaction.amount, 0);
    for (const { category, amounts } of spending.categories) {
      expect(['income', 'transfers']).not.toContain(category);
      spending.months.forEach((month: string, index: number) => {
        expect(amounts[index]).toBe(expected(month, category));
      });
    }
    // The last month is the current one, begun at the connection: look at the full month before it.
    const month = spending.months[1];
    const amountOf = (body: typeof spending, category: string) =>
      body.categories.find((entry: { category: string }) => entry.category === category)?.amounts[1] ?? 0;
    expect(amountOf(spending, 'groceries')).toBeGreaterThan(0);
    const drill = (
      await user.get(`/api/spending/transactions?currency=CAD&month=${month}&category=groceries`)
    ).json();
    expect(drill.total).toBe(drill.transactions.length);
    expect(drill.transactions.reduce((sum: number, t: { amount: number }) => sum - t.amount, 0)).toBe(
      amountOf(spending, 'groceries'),
    );
    expect(drill.transactions[0]).toMatchObject({ accountTitle: expect.any(String), category: 'groceries' });

    // The month's most frequent grocer is where this person buys for the house: a rule makes it shopping.
    const groceryThatMonth = all.filter(
      (transaction) =>
        transaction.account.currency === 'CAD' &&
        transaction.date.startsWith(month) &&
        transaction.category === 'groceries',
    );
    const counts = new Map<string, number>();
    for (const { merchant } of groceryThatMonth)
      counts.set(merchant ?? '', (counts.get(merchant ?? '') ?? 0) + 1);
    const [grocer] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [''];
    const moved = groceryThatMonth
      .filter((transaction) => transaction.merchant === grocer)
      .reduce((sum, transaction) => sum - transaction.amount, 0);
    expect(moved).toBeGreaterThan(0);
    await user.post('/api/category-rules', { match: grocer, category: 'shopping' });
    const after = (await user.get('/api/spending?months=3')).json();
    expect(amountOf(after, 'groceries')).toBe(amountOf(spending, 'groceries') - moved);
    // A rule matches its text anywhere in a description or merchant, so a row of another category whose text
    // holds the grocer's name (generated data varies) moves to shopping too: at least the groceries arrive.
    expect(amountOf(after, 'shopping')).toBeGreaterThanOrEqual(amountOf(spending, 'shopping') + moved);
    expect(after.totals[1]).toBe(spending.totals[1]);
  });

  it('keeps each person’s transactions and rules their own, and refuses unknown categories', async () => {
    const { user, accounts } = await linked();
    const [transaction] = await transactionsOf(user, accounts[0]?.id ?? '');
    const stranger = new Browser(stack.app);
    await stranger.post('/api/category-rules', { match: 'IGA', category: 'shopping' });
    expect(
      (await stranger.patch(`/api/transactions/${transaction?.id}`, { category: 'fees' })).statusCode,
    ).toBe(404);
    expect((await user.get('/api/category-rules')).json().rules).toEqual([]);
    expect((await stranger.get('/api/spending')).json()).toMatchObject({ currency: null, categories: [] });
    const refused = await user.patch(`/api/transactions/${transaction?.id}`, { category: 'lottery' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBeDefined();
    const rule = (await stranger.get('/api/category-rules')).json().rules[0];
    expect((await user.delete(`/api/category-rules/${rule.id}`)).statusCode).toBe(404);
    expect((await stranger.delete(`/api/category-rules/${rule.id}`)).statusCode).toBe(204);
  });
});
