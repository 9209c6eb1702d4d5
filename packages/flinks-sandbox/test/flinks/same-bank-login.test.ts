import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.ts';
import { type Flinks, startSandbox } from '../helpers.ts';

let sandbox: Sandbox;
let flinks: Flinks;

beforeAll(async () => {
  ({ sandbox, flinks } = await startSandbox({ processingMs: 0 }));
});
afterAll(() => sandbox.close());

async function accountsOf(
  loginId: string,
): Promise<Array<{ Id: string; Transactions: Array<{ Id: string }> }>> {
  const answer = await flinks.retrieve(await flinks.cached(loginId));
  expect(answer.status).toBe(200);
  return answer.body.Accounts;
}

describe('a bank login connected again', () => {
  it('shows the same accounts and transactions under its new LoginId, as a bank would', async () => {
    const first = await flinks.connect('greatday_nomfa');
    await sandbox.control.breakCredentials(first.loginId);
    const again = await flinks.connect('GREATDAY_NOMFA');
    expect(again.loginId).not.toBe(first.loginId);
    const before = await accountsOf(first.loginId);
    const after = await accountsOf(again.loginId);
    expect(after.map((account) => account.Id)).toEqual(before.map((account) => account.Id));
    expect(after[0]?.Transactions.map((t) => t.Id)).toEqual(before[0]?.Transactions.map((t) => t.Id));
  });

  it('is another person at the bank with a +suffix, which behaves like its test user', async () => {
    const plain = await flinks.connect('greatday_nomfa');
    const other = await flinks.connect('greatday_nomfa+2');
    const authorized = await flinks.authorize({ LoginId: other.loginId, MostRecentCached: true });
    expect(authorized.body.Login.Username).toBe('greatday_nomfa+2');
    const [mine] = await accountsOf(plain.loginId);
    const [theirs] = await accountsOf(other.loginId);
    expect(theirs?.Id).not.toBe(mine?.Id);
  });

  it('made from the control surface, has data of its own', async () => {
    const one = await sandbox.control.createLogin('greatday_nomfa');
    const two = await sandbox.control.createLogin('greatday_nomfa');
    const [first] = await accountsOf(one.loginId);
    const [second] = await accountsOf(two.loginId);
    expect(second?.Id).not.toBe(first?.Id);
  });
});
