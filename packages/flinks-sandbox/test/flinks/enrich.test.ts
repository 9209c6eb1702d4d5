import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.ts';
import { type Flinks, startSandbox } from '../helpers.ts';

let sandbox: Sandbox;
let flinks: Flinks;

beforeAll(async () => {
  ({ sandbox, flinks } = await startSandbox());
});
afterAll(() => sandbox.close());

const bearer = () => ({ authorization: `Bearer ${sandbox.secretKey}` });

async function retrieved(username = 'greatday_nomfa', options: Record<string, unknown> = {}) {
  const { loginId, requestId } = await flinks.connect(username);
  const detail = await flinks.retrieve(requestId, options);
  expect(detail.status).toBe(200);
  return { loginId, requestId, detail };
}

describe('GetCategorization', () => {
  it('answers every transaction of the request’s GetAccountsDetail with a Category and SubCategory', async () => {
    const { loginId, requestId, detail } = await retrieved();
    const answer = await flinks.categorization(loginId, requestId);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(['HttpStatusCode', 'LoginId', 'RequestId', 'Transactions']);
    expect(answer.body).toMatchObject({ HttpStatusCode: 200, LoginId: loginId, RequestId: requestId });

    // biome-ignore lint/suspicious/noExplicitAny: parsed Flinks JSON
    const expected = detail.body.Accounts.flatMap((account: any) =>
      // biome-ignore lint/suspicious/noExplicitAny: parsed Flinks JSON
      account.Transactions.map((t: any) => ({ id: t.Id, account: account.Id, t })),
    );
    expect(answer.body.Transactions).toHaveLength(expected.length);
    expect(expected.length).toBeGreaterThan(200);
    answer.body.Transactions.forEach(
      // biome-ignore lint/suspicious/noExplicitAny: parsed Flinks JSON
      (categorized: any, i: number) => {
        const { id, account, t } = expected[i];
        expect(categorized.TransactionId).toBe(id);
        expect(categorized.AccountId).toBe(account);
        expect(categorized.Description).toBe(t.Description);
        expect(categorized.Date).toBe(t.Date);
        expect(categorized.Balance).toBe(t.Balance);
        expect(categorized.Debit ?? null).toBe(t.Debit);
        // Flinks' example spells money in `credit`, in lower case.
        expect(categorized.credit ?? null).toBe(t.Credit);
        expect(typeof categorized.Category).toBe('string');
        expect(typeof categorized.SubCategory).toBe('string');
      },
    );
  });

  it('gives the generated merchants fixed categories drawn from the taxonomy', async () => {
    const { loginId, requestId } = await retrieved();
    const answer = await flinks.categorization(loginId, requestId);
    const taxonomy = await flinks.call('GET', 'Categories/CA', { headers: bearer() });
    const known = new Set<string>();
    for (const primary of taxonomy.body) {
      for (const sub of primary.SubCategories)
        known.add(`${primary.PrimaryCategoryName}/${sub.SubCategoryName}`);
    }
    const byDescription = new Map<string, string>();
    for (const t of answer.body.Transactions) {
      const pair = `${t.Category}/${t.SubCategory}`;
      expect(known.has(pair), pair).toBe(true);
      const seen = byDescription.get(t.Description);
      if (seen) expect(pair).toBe(seen);
      byDescription.set(t.Description, pair);
    }
    const of = (start: string) =>
      [...byDescription].find(([description]) => description.startsWith(start))?.[1];
    expect(of('PAYROLL - NORTHWIND')).toBe('Income/Paycheck');
    expect(of('PRE-AUTHORIZED DEBIT - GESTION IMMOBILIERE')).toBe('Home/Rent');
    expect(of('BILL PAYMENT - HYDRO-QUEBEC')).toBe('Utilities/Electricity');
    expect(of('TIM HORTONS')).toBe('Food and Dining/Coffee Shops');
    expect(of('INTERAC E-TRANSFER')).toBe('Transfers and Adjustments/E-Transfer');
    expect(of('national money')).toBe('Income/Other Income');
  });

  it('answers the same request alike on a second call, and still after its session has ended', async () => {
    const { loginId, requestId } = await retrieved();
    const first = await flinks.categorization(loginId, requestId);
    await sandbox.control.expireSession({ requestId });
    const later = await flinks.categorization(loginId, requestId);
    expect(later.status).toBe(200);
    expect(later.text).toBe(first.text);
  });

  it('follows the options of that GetAccountsDetail (an account filter, no transactions)', async () => {
    const { loginId, requestId } = await flinks.connect('greatday_nomfa');
    const all = await flinks.retrieve(requestId);
    const chequing = all.body.Accounts[0].Id;
    const { requestId: filtered } = { requestId: await flinks.cached(loginId) };
    await flinks.retrieve(filtered, { AccountsFilter: [chequing] });
    const answer = await flinks.categorization(loginId, filtered);
    expect(answer.status).toBe(200);
    expect(new Set(answer.body.Transactions.map((t: { AccountId: string }) => t.AccountId))).toEqual(
      new Set([chequing]),
    );

    const bare = await flinks.cached(loginId);
    await flinks.retrieve(bare, { WithTransactions: false });
    expect((await flinks.categorization(loginId, bare)).body.Transactions).toEqual([]);
  });

  it('takes the secret key as Authorization: Bearer or as flinks-auth-key, and refuses anything else with 401', async () => {
    const { loginId, requestId } = await retrieved();
    expect(
      (await flinks.categorization(loginId, requestId, { 'flinks-auth-key': sandbox.secretKey })).status,
    ).toBe(200);
    const refusals: Record<string, string>[] = [
      {},
      { authorization: 'Bearer 00000000-0000-0000-0000-000000000000' },
      { authorization: sandbox.secretKey },
      { 'x-api-key': sandbox.apiKey },
    ];
    for (const headers of refusals) {
      const refused = await flinks.categorization(loginId, requestId, headers);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ HttpStatusCode: 401, FlinksCode: 'UNAUTHORIZED' });
      expect(refused.text).not.toContain('Transactions');
    }
  });

  it('answers an unknown login with 400 INVALID_REQUEST naming it, and an unknown request with 400 SESSION_NONEXISTENT', async () => {
    const { loginId, requestId } = await retrieved();
    const stranger = '11111111-2222-4333-8444-555555555555';
    const unknownLogin = await flinks.categorization(stranger, requestId);
    expect(unknownLogin.status).toBe(400);
    expect(unknownLogin.body).toEqual({
      HttpStatusCode: 400,
      FlinksCode: 'INVALID_REQUEST',
      Message: `The login '${stranger}' is invalid.`,
    });
    const unknownRequest = await flinks.categorization(loginId, stranger);
    expect(unknownRequest.status).toBe(400);
    expect(unknownRequest.body.FlinksCode).toBe('SESSION_NONEXISTENT');

    // Another login's request is no request of this one.
    const other = await retrieved();
    const crossed = await flinks.categorization(loginId, other.requestId);
    expect([crossed.status, crossed.body.FlinksCode]).toEqual([400, 'SESSION_NONEXISTENT']);
  });

  it('answers 400 INVALID_REQUEST for a session with no GetAccountsDetail, 202 while it is processing', async () => {
    const { loginId, requestId } = await flinks.connect('greatday_nomfa');
    const before = await flinks.categorization(loginId, requestId);
    expect([before.status, before.body.FlinksCode]).toEqual([400, 'INVALID_REQUEST']);

    await sandbox.control.configure({ processingMs: 600_000 });
    try {
      await flinks.detail(requestId);
      const pending = await flinks.categorization(loginId, requestId);
      expect(pending.status).toBe(202);
      expect(pending.body).toMatchObject({
        HttpStatusCode: 202,
        FlinksCode: 'OPERATION_PENDING',
        RequestId: requestId,
      });
    } finally {
      await sandbox.control.configure({ processingMs: 0 });
    }
    expect((await flinks.categorization(loginId, requestId)).status).toBe(200);
  });

  it('can be made to fail like any endpoint (faults name it GetCategorization)', async () => {
    const { loginId, requestId } = await retrieved();
    await sandbox.control.injectFault({ endpoint: 'GetCategorization', kind: 'status', status: 503 });
    expect((await flinks.categorization(loginId, requestId)).status).toBe(503);
    expect((await flinks.categorization(loginId, requestId)).status).toBe(200);
  });
});

describe('Categories', () => {
  it('lists the taxonomy for CA and US as an array of primary categories with their subcategories', async () => {
    for (const country of ['CA', 'US', 'ca']) {
      const answer = await flinks.call('GET', `Categories/${country}`, { headers: bearer() });
      expect(answer.status).toBe(200);
      expect(Array.isArray(answer.body)).toBe(true);
      expect(answer.body.length).toBeGreaterThanOrEqual(15);
      for (const primary of answer.body) {
        expect(Object.keys(primary)).toEqual(['PrimaryCategoryName', 'Description', 'SubCategories']);
        expect(primary.SubCategories.length).toBeGreaterThan(0);
        for (const sub of primary.SubCategories)
          expect(Object.keys(sub)).toEqual(['SubCategoryName', 'Description']);
      }
      const names = answer.body.map(
        (primary: { PrimaryCategoryName: string }) => primary.PrimaryCategoryName,
      );
      expect(names).toEqual(
        expect.arrayContaining(['Food and Dining', 'Health', 'Home', 'Income', 'Travel']),
      );
    }
  });

  it('refuses an unknown country with 400 and a missing or wrong key with 401', async () => {
    const unknown = await flinks.call('GET', 'Categories/FR', { headers: bearer() });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ HttpStatusCode: 400, FlinksCode: 'INVALID_REQUEST' });
    const missing = await flinks.call('GET', 'Categories/CA');
    expect([missing.status, missing.body.FlinksCode]).toEqual([401, 'UNAUTHORIZED']);
    const apiKey = await flinks.call('GET', 'Categories/CA', { headers: { 'x-api-key': sandbox.apiKey } });
    expect(apiKey.status).toBe(401);
  });
});
