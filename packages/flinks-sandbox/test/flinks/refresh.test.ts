import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.ts';
import { balanceBreaks, type Flinks, startSandbox } from '../helpers.ts';

let sandbox: Sandbox;
let flinks: Flinks;

beforeAll(async () => {
  ({ sandbox, flinks } = await startSandbox());
});
afterAll(() => sandbox.close());

interface Transaction {
  Id: string;
  Date: string;
  Description: string;
  Debit: number | null;
  Credit: number | null;
  Balance: number;
}
interface Account {
  Id: string;
  Title: string;
  Category: string;
  Transactions: Transaction[];
  Balance: { Current: number };
}

/** The bank's day (Montréal) of a Flinks LastRefresh, which is UTC without a Z. */
function bankDayOf(lastRefresh: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Toronto',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(`${lastRefresh.slice(0, 23)}Z`));
}

async function accounts(requestId: string): Promise<{ accounts: Account[]; lastRefresh: string }> {
  const { body } = await flinks.retrieve(requestId, { DaysOfTransactions: 'Days365' });
  return { accounts: body.Accounts, lastRefresh: body.Login.LastRefresh };
}

describe('refresh', () => {
  it('a cached authorisation returns exactly the same data again', async () => {
    const { loginId, requestId } = await flinks.connect('greatday_nomfa');
    const first = await flinks.retrieve(requestId, { DaysOfTransactions: 'Days365' });
    const second = await flinks.retrieve(await flinks.cached(loginId), { DaysOfTransactions: 'Days365' });
    expect(second.body.Accounts).toEqual(first.body.Accounts);
    expect(second.body.Login.LastRefresh).toBe(first.body.Login.LastRefresh);
  });

  it('a live refresh adds transactions dated on the refresh day and keeps every earlier one unchanged', async () => {
    const { loginId, requestId } = await flinks.connect('greatday_nomfa');
    const before = await accounts(requestId);
    const live = await flinks.authorize({ LoginId: loginId, MostRecentCached: false });
    expect(live.status).toBe(200);
    const after = await accounts(live.body.RequestId);
    expect(after.lastRefresh > before.lastRefresh).toBe(true);

    const refreshDay = bankDayOf(after.lastRefresh);
    let added = 0;
    for (const account of after.accounts) {
      const previous = before.accounts.find((candidate) => candidate.Id === account.Id);
      expect(previous).toBeDefined();
      const known = new Map(previous?.Transactions.map((t) => [t.Id, t]));
      const fresh = account.Transactions.filter((t) => !known.has(t.Id));
      for (const t of account.Transactions) if (known.has(t.Id)) expect(t).toEqual(known.get(t.Id));
      // New transactions come first (newest first) and are dated on or after the previous refresh's day.
      expect(account.Transactions.slice(0, fresh.length)).toEqual(fresh);
      for (const t of fresh) expect(t.Date >= bankDayOf(before.lastRefresh)).toBe(true);
      expect(balanceBreaks(account)).toBe(0);
      added += fresh.length;
    }
    const chequing = after.accounts.find((account) => account.Title === 'Chequing CAD');
    const chequingBefore = before.accounts.find((account) => account.Title === 'Chequing CAD');
    const today = chequing?.Transactions.filter(
      (t) => t.Date === refreshDay && !chequingBefore?.Transactions.some((old) => old.Id === t.Id),
    );
    expect(today?.length).toBeGreaterThanOrEqual(2);
    expect(added).toBeGreaterThanOrEqual(3);
    expect(chequing?.Balance.Current).toBe(chequing?.Transactions[0]?.Balance);
  });

  it('a live refresh that needed MFA counts once its answers are accepted', async () => {
    const { loginId, requestId } = await flinks.connect('Greatday');
    const before = await accounts(requestId);
    const challenge = await flinks.authorize({ LoginId: loginId, MostRecentCached: false });
    expect(challenge.status).toBe(203);
    const answered = await flinks.answerChallenges(challenge);
    const after = await accounts(answered.body.RequestId);
    const count = (data: { accounts: Account[] }) =>
      data.accounts.reduce((sum, account) => sum + account.Transactions.length, 0);
    expect(count(after)).toBeGreaterThan(count(before));
  });

  it('two logins of a test user (+suffix usernames) get different data; one login the same data in every session', async () => {
    const a = await flinks.connect('greatday_nomfa');
    const b = await flinks.connect('greatday_nomfa+2');
    const dataA = await accounts(a.requestId);
    const dataB = await accounts(b.requestId);
    expect(dataA.accounts[0]?.Id).not.toBe(dataB.accounts[0]?.Id);
    const again = await accounts(await flinks.cached(a.loginId));
    expect(again.accounts).toEqual(dataA.accounts);
  });
});
