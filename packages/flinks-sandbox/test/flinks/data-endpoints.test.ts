import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.ts';
import { balanceBreaks, type Flinks, sleep, startSandbox } from '../helpers.ts';

let sandbox: Sandbox;
let flinks: Flinks;

beforeAll(async () => {
  // A processing time no test waits out: readiness comes from configure({processingMs: 0}).
  ({ sandbox, flinks } = await startSandbox({ processingMs: 600_000 }));
});
afterEach(() => sandbox.control.configure({ processingMs: 600_000, holdMs: 0 }));
afterAll(() => sandbox.close());

const bankDay = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Toronto',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

describe('GetAccountsDetail', () => {
  it('answers 202 OPERATION_PENDING with a link to the Async poller until processing is done, then 200', async () => {
    const { requestId } = await flinks.connect('greatday_nomfa');
    const first = await flinks.detail(requestId);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({
      FlinksCode: 'OPERATION_PENDING',
      HttpStatusCode: 202,
      Message: 'Your operation is still processing',
      RequestId: requestId,
      Links: [
        {
          rel: 'GetAccountsDetailAsync',
          href: '/GetAccountsDetailAsync',
          example: `/GetAccountsDetailAsync/${requestId}`,
        },
      ],
    });
    const polled = await flinks.detailAsync(requestId);
    expect([polled.status, polled.body.FlinksCode]).toEqual([202, 'OPERATION_PENDING']);

    await sandbox.control.configure({ processingMs: 0 });
    const done = await flinks.detailAsync(requestId);
    expect(done.status).toBe(200);
    expect(done.body.HttpStatusCode).toBe(200);
    expect(done.body.RequestId).toBe(requestId);
  });

  it('gives the same body from the Async poller as from a synchronous 200', async () => {
    const { requestId } = await flinks.connect('greatday_nomfa');
    await flinks.detail(requestId);
    await sandbox.control.configure({ processingMs: 0 });
    const polled = await flinks.detailAsync(requestId);
    const direct = await flinks.detail(requestId);
    expect(direct.status).toBe(200);
    expect(polled.text).toBe(direct.text);
  });

  it('holds a synchronous call open up to holdMs, then answers 202', async () => {
    await sandbox.control.configure({ holdMs: 150 });
    const { requestId } = await flinks.connect('greatday_nomfa');
    const started = Date.now();
    const answer = await flinks.detail(requestId);
    expect(answer.status).toBe(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers 200 from a held call as soon as the data becomes ready', async () => {
    await sandbox.control.configure({ holdMs: 60_000 });
    const { requestId } = await flinks.connect('greatday_nomfa');
    const held = flinks.detail(requestId);
    // Let the call reach the emulator and be held before the data becomes ready.
    await sleep(100);
    await sandbox.control.configure({ processingMs: 0 });
    expect((await held).status).toBe(200);
  });

  it('returns the accounts and fields of FLINKS.md §4, with its quirks', async () => {
    await sandbox.control.configure({ processingMs: 0 });
    const { loginId, requestId } = await flinks.connect('greatday_nomfa');
    const { body } = await flinks.retrieve(requestId, { DaysOfTransactions: 'Days365' });
    expect(body).toMatchObject({
      HttpStatusCode: 200,
      Institution: 'FlinksCapital',
      InstitutionName: 'FlinksCapital',
      InstitutionId: 14,
      RequestId: requestId,
      Login: { Id: loginId, Username: 'greatday_nomfa', Type: 'Personal' },
    });
    const byTitle = Object.fromEntries(
      body.Accounts.map((account: { Title: string }) => [account.Title, account]),
    );
    expect(Object.keys(byTitle)).toEqual(
      expect.arrayContaining([
        'Chequing CAD',
        'Savings CAD',
        'Chequing USD',
        'Visa Infinite',
        'Line of Credit CAD',
      ]),
    );
    const chequing = byTitle['Chequing CAD'];
    expect(chequing).toMatchObject({
      AccountNumber: '1111000',
      TransitNumber: '77777',
      InstitutionNumber: '777',
      Category: 'Operations',
      Type: 'Chequing',
      Currency: 'CAD',
      AccountType: 'Personal',
      Holder: {
        Name: 'John Doe',
        Address: { City: 'Montréal', Province: 'QC', Country: 'CA', POBox: null },
      },
    });
    expect(chequing.Balance.Current).toBeGreaterThan(40_000);
    expect(chequing.Balance.Current).toBeLessThan(60_000);
    expect(byTitle['Chequing USD'].Currency).toBe('USD');
    expect(byTitle['Chequing USD'].AccountType).toBeNull();
    expect(byTitle['Visa Infinite']).toMatchObject({ Type: 'CreditCard', Category: 'Credits' });
    expect(typeof byTitle['Line of Credit CAD'].Balance.Limit).toBe('string');
    expect(Number(byTitle['Line of Credit CAD'].Balance.Limit)).toBeGreaterThan(0);

    const transactions = chequing.Transactions;
    expect(transactions.length).toBeGreaterThan(300);
    expect(transactions[0].Date >= transactions.at(-1).Date).toBe(true);
    expect(transactions.every((t: { Code: unknown }) => t.Code === null)).toBe(true);
    expect(
      transactions.some((t: { Debit: unknown; Credit: unknown }) => t.Debit !== null && t.Credit !== null),
    ).toBe(true);
    const descriptions = transactions.map((t: { Description: string }) => t.Description).join('\n');
    for (const word of ['PAYROLL - ', 'HYDRO-QUEBEC', 'INTERAC E-TRANSFER', 'STM', 'VISA']) {
      expect(descriptions).toContain(word);
    }
    expect(
      transactions.some((t: { Debit: number | null }) => t.Debit !== null && !Number.isInteger(t.Debit)),
    ).toBe(true);
    for (const account of body.Accounts) expect(balanceBreaks(account)).toBe(0);
    for (const account of body.Accounts) {
      if (account.Transactions.length > 0 && account.Category === 'Operations') {
        expect(account.Transactions[0].Balance).toBe(account.Balance.Current);
      }
    }
  });

  it('honours DaysOfTransactions (Days90 by default), WithTransactions, AccountsFilter, WithBalance and WithAccountIdentity', async () => {
    await sandbox.control.configure({ processingMs: 0 });
    const { requestId } = await flinks.connect('greatday_nomfa');
    const year = (await flinks.detail(requestId, { DaysOfTransactions: 'Days365' })).body;
    const quarter = (await flinks.detail(requestId)).body;
    const oldest = (body: { Accounts: Array<{ Transactions: Array<{ Date: string }> }> }) =>
      body.Accounts[0]?.Transactions.at(-1)?.Date ?? '';
    const daysBack = (date: string) => (Date.parse(bankDay()) - Date.parse(date)) / 86_400_000;
    expect(daysBack(oldest(year))).toBeGreaterThan(300);
    expect(daysBack(oldest(year))).toBeLessThan(365);
    expect(daysBack(oldest(quarter))).toBeLessThan(90);

    const bare = (await flinks.detail(requestId, { WithTransactions: false })).body;
    expect(
      bare.Accounts.every((account: { Transactions: unknown[] }) => account.Transactions.length === 0),
    ).toBe(true);

    const chosen = year.Accounts[1].Id;
    const filtered = (await flinks.detail(requestId, { AccountsFilter: [chosen] })).body;
    expect(filtered.Accounts.map((account: { Id: string }) => account.Id)).toEqual([chosen]);

    const noBalance = (await flinks.detail(requestId, { WithBalance: false })).body;
    expect(noBalance.Accounts[0].Balance).toEqual({ Available: null, Current: null, Limit: null });

    const noIdentity = (await flinks.detail(requestId, { WithAccountIdentity: false, WithKYC: true })).body;
    expect(noIdentity.Accounts[0]).toMatchObject({
      TransitNumber: null,
      InstitutionNumber: null,
      AccountNumber: null,
    });

    const bad = await flinks.detail(requestId, { DaysOfTransactions: 'Days30' });
    expect([bad.status, bad.body.FlinksCode]).toEqual([401, 'INVALID_REQUEST']);
  });

  it('refuses a wrong x-api-key with 401 UNAUTHORIZED', async () => {
    const { requestId } = await flinks.connect('greatday_nomfa');
    const answer = await flinks.call('POST', 'GetAccountsDetail', {
      body: { RequestId: requestId },
      headers: { 'x-api-key': sandbox.secretKey },
    });
    expect([answer.status, answer.body.FlinksCode]).toEqual([401, 'UNAUTHORIZED']);
    const polled = await flinks.call('GET', `GetAccountsDetailAsync/${requestId}`);
    expect([polled.status, polled.body.FlinksCode]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('refuses data before the session is authorised with 401 UNAUTHORIZED', async () => {
    const asked = await flinks.authorize({
      Username: 'Greatday',
      Password: 'Everyday',
      Institution: 'FlinksCapital',
    });
    const answer = await flinks.detail(asked.body.RequestId);
    expect([answer.status, answer.body.FlinksCode]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('answers an unknown RequestId with 400 SESSION_NONEXISTENT', async () => {
    const answer = await flinks.detail('22178382-31ee-485c-a750-c20929b6a344');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      HttpStatusCode: 400,
      FlinksCode: 'SESSION_NONEXISTENT',
      Message: expect.stringContaining('22178382-31ee-485c-a750-c20929b6a344'),
    });
  });

  it('echoes the Tag of the authorisation in the data', async () => {
    await sandbox.control.configure({ processingMs: 0 });
    const { loginId } = await flinks.connect('greatday_nomfa');
    const authorized = await flinks.authorize({ LoginId: loginId, MostRecentCached: true, Tag: 'ref-7' });
    const { body } = await flinks.retrieve(authorized.body.RequestId);
    expect(body.Tag).toBe('ref-7');
  });
});

describe('slow test users', () => {
  it('test_pending answers 202 OPERATION_PENDING to the call and to several polls before its data', async () => {
    await sandbox.control.configure({ processingMs: 0 });
    const { requestId } = await flinks.connect('test_pending');
    const statuses = [(await flinks.detail(requestId)).status];
    for (let i = 0; i < 4; i++) statuses.push((await flinks.detailAsync(requestId)).status);
    expect(statuses).toEqual([202, 202, 202, 200, 200]);
  });

  it('test_dispatched answers 202 OPERATION_DISPATCHED with a partial result, then data through the poller', async () => {
    await sandbox.control.configure({ processingMs: 0 });
    const { requestId } = await flinks.connect('test_dispatched');
    const first = await flinks.detail(requestId);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({
      FlinksCode: 'OPERATION_DISPATCHED',
      HttpStatusCode: 202,
      RequestId: requestId,
    });
    expect(first.body.Accounts.length).toBeGreaterThan(0);
    expect(first.body.Accounts[0].Transactions).toEqual([]);
    const final = await flinks.retrieve(requestId);
    expect(final.status).toBe(200);
    expect(final.body.Accounts[0].Transactions.length).toBeGreaterThan(0);
  });
});

describe('GetAccountsSummary', () => {
  it('answers 202 then 200 through its own poller, with accounts, eligibility ratios and no transactions', async () => {
    const { requestId } = await flinks.connect('greatday_nomfa');
    const headers = { 'x-api-key': sandbox.apiKey };
    const first = await flinks.call('POST', 'GetAccountsSummary', {
      body: { RequestId: requestId },
      headers,
    });
    expect(first.status).toBe(202);
    expect(first.body.Links[0].rel).toBe('GetAccountsSummaryAsync');
    await sandbox.control.configure({ processingMs: 0 });
    const done = await flinks.call('GET', `GetAccountsSummaryAsync/${requestId}`, { headers });
    expect(done.status).toBe(200);
    const account = done.body.Accounts[0];
    expect(account).not.toHaveProperty('Transactions');
    expect(account.EftEligibleRatio).toBeGreaterThanOrEqual(0);
    expect(account.ETransferEligibleRatio).toBeLessThanOrEqual(1);
  });

  it('answers in the shape FlinksCapital sends: no Type, transit, institution number, overdraft or Login', async () => {
    await sandbox.control.configure({ processingMs: 0 });
    const { requestId } = await flinks.connect('greatday_nomfa');
    const { body } = await flinks.call('POST', 'GetAccountsSummary', {
      body: { RequestId: requestId },
      headers: { 'x-api-key': sandbox.apiKey },
    });
    expect(Object.keys(body).sort()).toEqual(
      [
        'Accounts',
        'HttpStatusCode',
        'Institution',
        'InstitutionId',
        'InstitutionName',
        'Links',
        'RequestId',
      ].sort(),
    );
    for (const account of body.Accounts) {
      for (const absent of ['Type', 'TransitNumber', 'InstitutionNumber', 'OverdraftLimit', 'Transactions']) {
        expect(account).not.toHaveProperty(absent);
      }
      expect(['Personal', 'Business', null]).toContain(account.AccountType);
    }
  });
});

describe("FlinksCapital's catalogue of accounts", () => {
  it('holds chequing CAD and USD, savings, an FHSA, a business account, credit, a masked card and investments', async () => {
    await sandbox.control.configure({ processingMs: 0 });
    const { requestId } = await flinks.connect('Greatday');
    const { body } = await flinks.retrieve(requestId, { DaysOfTransactions: 'Days365' });
    const shown = body.Accounts.map(
      (account: { Title: string; Type: string; Category: string; AccountType: string; Currency: string }) =>
        [account.Title, account.Type, account.Category, account.AccountType, account.Currency].join(' / '),
    );
    expect(shown).toEqual([
      'Chequing CAD / Chequing / Operations / Personal / CAD',
      'Savings CAD / Savings / Operations / Personal / CAD',
      'Chequing USD / Chequing / Operations /  / USD',
      'Visa Infinite / CreditCard / Credits / Personal / CAD',
      'Line of Credit CAD / LineOfCredit / Credits / Personal / CAD',
      'First Home Savings Account / FHSA / Products / Personal / CAD',
      'Business Account CAD / Chequing / Operations / Business / CAD',
      'Investment Account / Investment / Products / Personal / CAD',
    ]);
    const card = body.Accounts.find((account: { Type: string }) => account.Type === 'CreditCard');
    expect(card.AccountNumber).toMatch(/^420024\*{6}\d{4}$/);
    expect(card.AccountNumber.endsWith(card.LastFourDigits)).toBe(true);
    const investment = body.Accounts.at(-1);
    expect(investment.Transactions).toEqual([]);
    expect(investment.Balance.Current).toBeGreaterThan(0);
    expect(body.Accounts[5].Transactions.length).toBeGreaterThan(0);
  });
});

describe('GetAccountsDetail dates', () => {
  it('keeps to DateFrom and DateTo, and RefreshDelta to what came since the previous refresh', async () => {
    await sandbox.control.configure({ processingMs: 0 });
    const { loginId, requestId } = await flinks.connect('greatday_nomfa');
    const today = bankDay();
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 40 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.parse(`${today}T00:00:00Z`) - 10 * 86_400_000).toISOString().slice(0, 10);
    const { body } = await flinks.retrieve(requestId, {
      DaysOfTransactions: 'Days365',
      DateFrom: from,
      DateTo: to,
    });
    const dates = body.Accounts.flatMap((account: { Transactions: { Date: string }[] }) =>
      account.Transactions.map((t) => t.Date),
    );
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((date: string) => date >= from && date <= to)).toBe(true);

    const live = await flinks.authorize({ LoginId: loginId, MostRecentCached: false });
    const delta = await flinks.retrieve(live.body.RequestId, {
      DaysOfTransactions: 'Days365',
      RefreshDelta: true,
    });
    const deltaDates = delta.body.Accounts.flatMap((account: { Transactions: { Date: string }[] }) =>
      account.Transactions.map((t) => t.Date),
    );
    expect(deltaDates.length).toBeGreaterThan(0);
    expect(deltaDates.every((date: string) => date === today)).toBe(true);
  });

  it.each([
    [{ DateFrom: '01/02/2025' }, 'DateFrom must be a date in the format yyyy-MM-dd'],
    [{ DateTo: '2025-13-01' }, 'DateTo must be a date in the format yyyy-MM-dd'],
    [{ DateFrom: '2025-03-01', DateTo: '2025-02-01' }, 'DateFrom must not be after DateTo'],
    [{ RefreshDelta: 'soon' }, 'RefreshDelta must be a boolean'],
  ])('answers %j with 401 INVALID_REQUEST', async (options, message) => {
    const { requestId } = await flinks.connect('greatday_nomfa');
    const answer = await flinks.detail(requestId, options);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ FlinksCode: 'INVALID_REQUEST', Message: message });
  });
});

describe('the large test user', () => {
  it('holds at least 50,000 transactions in one account, all returned with consistent balances', async () => {
    await sandbox.control.configure({ processingMs: 0 });
    const { requestId } = await flinks.connect('test_large_history');
    const { body } = await flinks.retrieve(requestId);
    const sizes = body.Accounts.map((account: { Transactions: unknown[] }) => account.Transactions.length);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(50_000);
    const largest = body.Accounts[sizes.indexOf(Math.max(...sizes))];
    expect(largest).toMatchObject({ AccountType: 'Business', Type: 'Chequing' });
    expect(balanceBreaks(largest)).toBe(0);
    const ids = new Set(largest.Transactions.map((t: { Id: string }) => t.Id));
    expect(ids.size).toBe(largest.Transactions.length);
  });
});

describe('the small test user', () => {
  it('holds only the chequing account, with a week of transactions and consistent balances', async () => {
    await sandbox.control.configure({ processingMs: 0 });
    const { requestId } = await flinks.connect('test_small_history');
    const { body } = await flinks.retrieve(requestId);
    expect(body.Accounts).toHaveLength(1);
    const [chequing] = body.Accounts;
    expect(chequing).toMatchObject({ Title: 'Chequing CAD', Type: 'Chequing', Currency: 'CAD' });
    const days = new Set(chequing.Transactions.map((t: { Date: string }) => t.Date));
    expect(days.size).toBeGreaterThan(0);
    expect(days.size).toBeLessThanOrEqual(7);
    expect(balanceBreaks(chequing)).toBe(0);
  });
});
