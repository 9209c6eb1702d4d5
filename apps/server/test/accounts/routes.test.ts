import { describe, expect, it } from 'vitest';
import { storeAccountsDetail, UnreadableDataError } from '../../src/accounts/store.ts';
import { Browser } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/database.ts';
import { accountsDetail, type TransactionSpec } from '../helpers/flinks-data.ts';
import { linkWithoutBank, useApp } from '../helpers/suite.ts';

describe.each(ENGINES)('accounts and transactions on %s', (engine) => {
  const suite = useApp(engine);

  /** A user with one link, and a function storing answers into it as a finished job would. */
  async function linkedUser() {
    const { user, userId, link, store } = await linkWithoutBank(suite);
    const accounts = async () => (await user.get(`/api/links/${link.id}`)).json().link.accounts;
    return { user, userId, link, store, accounts };
  }

  async function allPages(user: Browser, accountId: string, query = '', limit = 7) {
    const seen: { id: string; date: string; description: string }[] = [];
    let cursor: string | null = null;
    let total = -1;
    do {
      const url: string = `/api/accounts/${accountId}/transactions?limit=${limit}${query}${
        cursor ? `&cursor=${cursor}` : ''
      }`;
      const page = (await user.get(url)).json();
      seen.push(...page.transactions);
      total = page.total;
      cursor = page.nextCursor;
    } while (cursor);
    return { seen, total };
  }

  function days(count: number, perDay: number, prefix = 'tx'): TransactionSpec[] {
    const list: TransactionSpec[] = [];
    for (let day = count; day >= 1; day--) {
      for (let index = perDay; index >= 1; index--) {
        list.push({
          id: `${prefix}-${day}-${index}`,
          date: `2026-03-${String(day).padStart(2, '0')}`,
          description: `Purchase ${day}.${index}`,
          debit: day * 100 + index,
        });
      }
    }
    return list;
  }

  it('stores accounts with balances in exact minor units and counts only new transactions', async () => {
    const { store, accounts } = await linkedUser();
    const first = await store([
      {
        current: 0.1 + 0.2,
        available: 49_999.99,
        limit: '1000.50',
        transactions: [
          { id: 'a', date: '2026-01-02', debit: 19.99, balance: 100.01 },
          { id: 'b', date: '2026-01-01', credit: 120, balance: 120 },
        ],
      },
    ]);
    expect(first).toBe(2);
    const [account] = await accounts();
    expect(account).toMatchObject({
      title: 'Chequing CAD',
      type: 'Chequing',
      currency: 'CAD',
      mask: '1000',
      balance: { current: 30, available: 4_999_999, limit: 100_050 },
      transactionCount: 2,
    });
    // The holder's name is Flinks' to know, not ours to keep: neither the answer nor the rows hold it.
    expect(JSON.stringify(account)).not.toContain('John Doe');
    const { rows } = await suite.database.db.query('SELECT * FROM accounts');
    expect(JSON.stringify(rows)).not.toContain('John Doe');

    expect(
      await store([
        {
          transactions: [
            { id: 'c', date: '2026-01-03', debit: 1 },
            { id: 'a', date: '2026-01-02', debit: 19.99, balance: 100.01 },
            { id: 'b', date: '2026-01-01', credit: 120, balance: 120 },
          ],
        },
      ]),
    ).toBe(1);
    expect((await accounts())[0].transactionCount).toBe(3);
  });

  it('never duplicates when the same answer is stored twice', async () => {
    const { store, accounts, user } = await linkedUser();
    const answer = [{ transactions: days(5, 3) }];
    expect(await store(answer)).toBe(15);
    expect(await store(answer)).toBe(0);
    const [account] = await accounts();
    expect(account.transactionCount).toBe(15);
    expect((await allPages(user, account.id)).seen).toHaveLength(15);
  });

  it('stores an account listed twice in one answer as retrieved twice: the later listing’s details, both listings’ transactions', async () => {
    const { store, accounts } = await linkedUser();
    const twice = 'ABCDEF01-2345-4678-89AB-CDEF01234567';
    const added = await store([
      { id: twice, title: 'First', transactions: days(2, 1, 'a') },
      { id: crypto.randomUUID(), title: 'Other', transactions: days(1, 1, 'b') },
      {
        id: twice.toLowerCase(),
        title: 'Second',
        transactions: [
          { id: 'a-late', date: '2026-03-01', description: 'Late', debit: 4 },
          ...days(2, 1, 'a'),
        ],
      },
    ]);
    expect(added).toBe(4);
    const listed = await accounts();
    expect(listed.map((account: { title: string }) => account.title).sort()).toEqual(['Other', 'Second']);
    expect(listed.find((account: { title: string }) => account.title === 'Second').transactionCount).toBe(3);
  });

  it('keeps a transaction whose Id changed, matched on date, amount and description, one for one', async () => {
    const { store, accounts, user } = await linkedUser();
    await store([
      {
        transactions: [
          { id: 'old-1', date: '2026-02-02', description: 'Coffee', debit: 3.5 },
          { id: 'old-2', date: '2026-02-02', description: 'Coffee', debit: 3.5 },
          { id: 'rent', date: '2026-02-01', description: 'Rent', debit: 1200 },
        ],
      },
    ]);
    const added = await store([
      {
        transactions: [
          { id: 'new-1', date: '2026-02-02', description: 'Coffee', debit: 3.5 },
          { id: 'new-2', date: '2026-02-02', description: 'Coffee', debit: 3.5 },
          { id: 'new-3', date: '2026-02-02', description: 'Coffee', debit: 3.5 },
          { id: 'rent', date: '2026-02-01', description: 'Rent', debit: 1200 },
        ],
      },
    ]);
    expect(added).toBe(1);
    const [account] = await accounts();
    expect(account.transactionCount).toBe(4);
    const { rows } = await suite.database.db.query<{ flinks_transaction_id: string }>(
      'SELECT flinks_transaction_id FROM transactions WHERE account_id = $1 ORDER BY flinks_transaction_id',
      [account.id],
    );
    expect(rows.map((row) => row.flinks_transaction_id)).toEqual(['new-1', 'new-2', 'new-3', 'rent']);
    expect((await allPages(user, account.id)).seen).toHaveLength(4);
  });

  it('takes the bank’s latest amount for a known Id, keeps both debit and credit, and keeps transactions when a list is absent', async () => {
    const { store, accounts, user } = await linkedUser();
    await store([{ transactions: [{ id: 'p', date: '2026-04-01', debit: 10, credit: 2.5 }] }]);
    await store([{ transactions: [{ id: 'p', date: '2026-04-01', debit: 12.34, credit: 2.5 }] }]);
    const [account] = await accounts();
    const [transaction] = (await user.get(`/api/accounts/${account.id}/transactions`)).json().transactions;
    expect(transaction).toMatchObject({ debit: 1234, credit: 250, amount: -984 });

    expect(await store([{ transactions: null, current: 5 }])).toBe(0);
    expect((await accounts())[0]).toMatchObject({ transactionCount: 1, balance: { current: 500 } });
  });

  it('stores descriptions and Ids holding COPY’s own characters exactly as the bank sent them', async () => {
    const { store, accounts, user } = await linkedUser();
    const awkward = 'Tab\there, line\nbreak, return\r, back\\slash \\N, quote " and é';
    await store([
      { transactions: [{ id: 'id\\with\ttab', date: '2026-03-03', description: awkward, debit: 1 }] },
    ]);
    const [account] = await accounts();
    const [transaction] = (await user.get(`/api/accounts/${account.id}/transactions`)).json().transactions;
    // The description is stored trimmed of surrounding space only; every inner character survives.
    expect(transaction.description).toBe(awkward);
    const { rows } = await suite.database.db.query<{ flinks_transaction_id: string }>(
      'SELECT flinks_transaction_id FROM transactions WHERE account_id = $1',
      [account.id],
    );
    expect(rows).toEqual([{ flinks_transaction_id: 'id\\with\ttab' }]);
  });

  it('stores several accounts of one answer, and a second answer in the same database transaction', async () => {
    const { link, userId, accounts } = await linkedUser();
    const first = accountsDetail([
      { id: 'a', transactions: days(2, 2, 'a') },
      { id: 'b', transactions: days(3, 1, 'b') },
    ]);
    const second = accountsDetail([{ id: 'a', transactions: days(3, 2, 'a') }]);
    const added = await suite.database.db.transaction(async (tx) => {
      const owner = { id: link.id, userId };
      return (await storeAccountsDetail(tx, owner, first)) + (await storeAccountsDetail(tx, owner, second));
    });
    expect(added).toBe(4 + 3 + 2);
    const counts = (await accounts()).map(
      (account: { transactionCount: number }) => account.transactionCount,
    );
    expect(counts.sort()).toEqual([3, 6]);
  });

  it('refuses an answer it cannot store faithfully, storing nothing of it', async () => {
    const { store, accounts } = await linkedUser();
    await expect(
      store([{ currency: 'C$D', transactions: [{ id: 'x', date: '2026-01-01', debit: 1 }] }]),
    ).rejects.toThrow(UnreadableDataError);
    expect(await accounts()).toEqual([]);
  });

  it('pages newest first without gaps or repeats, with the total', async () => {
    const { store, accounts, user } = await linkedUser();
    await store([{ transactions: days(9, 4) }]);
    const [account] = await accounts();
    const { seen, total } = await allPages(user, account.id);
    expect(total).toBe(36);
    expect(seen).toHaveLength(36);
    expect(new Set(seen.map((item) => item.id)).size).toBe(36);
    const expected = days(9, 4).map((item) => item.description);
    expect(seen.map((item) => item.description)).toEqual(expected);
  });

  it('searches descriptions case-insensitively and literally, and filters by date', async () => {
    const { store, accounts, user } = await linkedUser();
    await store([
      {
        transactions: [
          { id: '1', date: '2026-05-04', description: 'PAYROLL - ACME', credit: 2000 },
          { id: '2', date: '2026-05-03', description: '100% pure juice', debit: 4 },
          { id: '3', date: '2026-05-02', description: 'payroll - acme', credit: 2000 },
          { id: '4', date: '2026-05-01', description: '1000 pure juice', debit: 4 },
          { id: '5', date: '2026-04-30', description: 'snake_case shop', debit: 1 },
          { id: '6', date: '2026-04-29', description: 'snakeXcase shop', debit: 1 },
        ],
      },
    ]);
    const [account] = await accounts();
    const search = async (query: string) =>
      (await allPages(user, account.id, query)).seen.map((item) => item.description);
    expect(await search('&q=Payroll')).toEqual(['PAYROLL - ACME', 'payroll - acme']);
    expect(await search('&q=0%25')).toEqual(['100% pure juice']);
    expect(await search('&q=e_c')).toEqual(['snake_case shop']);
    expect(await search('&from=2026-05-01&to=2026-05-03')).toEqual([
      '100% pure juice',
      'payroll - acme',
      '1000 pure juice',
    ]);
    const filtered = (await user.get(`/api/accounts/${account.id}/transactions?q=juice&limit=1`)).json();
    expect(filtered.total).toBe(2);
    expect(filtered.transactions).toHaveLength(1);
  });

  it('folds accents and case on both sides of a search, in the CSV export too', async () => {
    const { store, accounts, user } = await linkedUser();
    await store([
      {
        transactions: [
          { id: '1', date: '2026-05-04', description: 'HYDRO-QUEBEC BILL', debit: 80 },
          { id: '2', date: '2026-05-03', description: 'Hydro-Québec remboursement', credit: 12 },
          { id: '3', date: '2026-05-02', description: 'CAFÉ DÉPÔT MONTRÉAL', debit: 4 },
          { id: '4', date: '2026-05-01', description: 'Bœuf & Cie', debit: 30 },
          { id: '5', date: '2026-04-30', description: 'HYDRO OTTAWA', debit: 70 },
        ],
      },
    ]);
    const [account] = await accounts();
    const search = async (text: string) =>
      (await allPages(user, account.id, `&q=${encodeURIComponent(text)}`)).seen.map(
        (item) => item.description,
      );
    const hydroQuebec = ['HYDRO-QUEBEC BILL', 'Hydro-Québec remboursement'];
    for (const text of ['Hydro-Québec', 'hydro-quebec', 'HYDRO-QUÉBEC', 'Que\u0301bec']) {
      expect(await search(text), text).toEqual(hydroQuebec);
    }
    expect(await search('cafe depot')).toEqual(['CAFÉ DÉPÔT MONTRÉAL']);
    expect(await search('montréal')).toEqual(['CAFÉ DÉPÔT MONTRÉAL']);
    expect(await search('boeuf')).toEqual(['Bœuf & Cie']);
    const csv = await user.get(
      `/api/accounts/${account.id}/transactions.csv?q=${encodeURIComponent('québec')}`,
    );
    expect(csv.body).toContain('HYDRO-QUEBEC BILL');
    expect(csv.body).toContain('Hydro-Québec remboursement');
    expect(csv.body).not.toContain('HYDRO OTTAWA');
  });

  it('refuses a forged cursor and out-of-range limits in our error shape', async () => {
    const { store, accounts, user } = await linkedUser();
    await store([{ transactions: days(1, 1) }]);
    const [account] = await accounts();
    const forged = await user.get(
      `/api/accounts/${account.id}/transactions?cursor=${Buffer.from("x' OR 1=1").toString('base64url')}`,
    );
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('INVALID_CURSOR');
    for (const limit of ['0', '10001', 'many']) {
      const response = await user.get(`/api/accounts/${account.id}/transactions?limit=${limit}`);
      expect(response.statusCode, limit).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await user.get(`/api/accounts/${account.id}/transactions?from=yesterday`)).statusCode).toBe(400);
  });

  it('searches all of one person’s accounts at once, paged without loss or repeat, never another’s', async () => {
    const me = await linkedUser();
    // Two accounts whose transactions share dates and sequence numbers: the order must still be total.
    await me.store([
      { id: crypto.randomUUID(), title: 'Chequing', transactions: days(6, 3, 'chq') },
      { id: crypto.randomUUID(), title: 'Savings', transactions: days(6, 3, 'sav') },
    ]);
    const other = await linkedUser();
    await other.store([{ id: crypto.randomUUID(), title: 'Theirs', transactions: days(6, 3, 'theirs') }]);
    const mine = await me.accounts();
    const myIds = new Set(mine.map((account: { id: string }) => account.id));

    const seen: { id: string; date: string; accountId: string; description: string }[] = [];
    let cursor: string | null = null;
    let total = -1;
    do {
      const response = await me.user.get(`/api/transactions?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = response.json();
      seen.push(...page.transactions);
      total = page.total;
      cursor = page.nextCursor;
    } while (cursor);
    expect(total).toBe(36);
    expect(new Set(seen.map((t) => t.id)).size).toBe(36);
    expect(seen.every((t) => myIds.has(t.accountId))).toBe(true);
    const dates = seen.map((t) => t.date);
    expect(dates).toEqual([...dates].sort().reverse());

    // The account page's filters, folded alike.
    const filtered = (
      await me.user.get('/api/transactions?q=PURCHASE%204.&from=2026-03-04&to=2026-03-04')
    ).json();
    expect(filtered.total).toBe(6);
    expect(new Set(filtered.transactions.map((t: { accountId: string }) => t.accountId)).size).toBe(2);

    // Another person's search never reaches these accounts, and theirs never reaches mine.
    const theirs = (await other.user.get('/api/transactions?limit=100')).json();
    expect(theirs.total).toBe(18);
    expect(theirs.transactions.some((t: { accountId: string }) => myIds.has(t.accountId))).toBe(false);
    const stranger = new Browser(suite.app);
    await stranger.post('/api/links', { loginId: crypto.randomUUID() });
    expect((await stranger.get('/api/transactions')).json()).toEqual({
      transactions: [],
      nextCursor: null,
      total: 0,
    });

    // A cursor of one account's list is not a position in this one.
    const [first] = mine;
    const accountCursor = (await me.user.get(`/api/accounts/${first.id}/transactions?limit=1`)).json()
      .nextCursor;
    const refused = await me.user.get(`/api/transactions?cursor=${accountCursor}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('INVALID_CURSOR');
  });

  it('exports the filtered transactions as CSV, safe to open in a spreadsheet', async () => {
    const { store, accounts, user } = await linkedUser();
    await store([
      {
        transactions: [
          {
            id: '1',
            date: '2026-06-02',
            description: '=HYPERLINK("http://evil")',
            debit: 1234.5,
            balance: -10.05,
          },
          { id: '2', date: '2026-06-01', description: 'Refund, "partial"', credit: 0.07, balance: 1224.45 },
          { id: '3', date: '2026-05-01', description: 'Older', debit: 1 },
        ],
      },
    ]);
    const [account] = await accounts();
    const response = await user.get(`/api/accounts/${account.id}/transactions.csv?from=2026-06-01`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    // Named after the account and the dates it holds; the UTF-8 name for browsers, an ASCII one beside it.
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${account.title} 2026-06-01 to 2026-06-02.csv"; ` +
        `filename*=UTF-8''${encodeURIComponent(`${account.title} 2026-06-01 to 2026-06-02.csv`)}`,
    );
    // A byte-order mark, so that spreadsheets read accents as UTF-8.
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.body.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'Date,Description,Money out,Money in,Balance,Currency',
      `2026-06-02,"'=HYPERLINK(""http://evil"")",1234.50,,-10.05,CAD`,
      '2026-06-01,"Refund, ""partial""",,0.07,1224.45,CAD',
      '',
    ]);

    const french = await user.get(
      `/api/accounts/${account.id}/transactions.csv?language=fr&from=2026-05-01&to=2026-05-31`,
    );
    expect(french.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'Date,Description,Sorties,Entrées,Solde,Devise',
    );
    expect(french.headers['content-disposition']).toContain(
      encodeURIComponent(`${account.title} 2026-05-01 au 2026-05-31.csv`),
    );
  });

  it('exports the filtered transactions as OFX, whose FITIDs stay the same from one export to the next', async () => {
    const { store, accounts, user } = await linkedUser();
    const transactions = [
      { id: '3', date: '2026-06-02', description: 'Dépanneur & café', debit: 12.5, balance: 100 },
      { id: '2', date: '2026-06-01', description: 'Paie', credit: 1000, balance: 112.5 },
      { id: '1', date: '2026-05-01', description: 'Older', debit: 1 },
    ];
    await store([{ current: 100, available: 90, transactions }]);
    const [account] = await accounts();
    const url = `/api/accounts/${account.id}/transactions.ofx`;
    const june = await user.get(`${url}?from=2026-06-01&language=fr`);
    expect(june.statusCode).toBe(200);
    expect(june.headers['content-type']).toBe('application/x-ofx; charset=windows-1252');
    expect(june.headers['cache-control']).toBe('no-store');
    expect(june.headers['content-disposition']).toContain(
      encodeURIComponent(`${account.title} 2026-06-01 au 2026-06-02.ofx`),
    );
    const fitids = (body: string) => [...body.matchAll(/<FITID>([^<]+)<\/FITID>/g)].map((m) => m[1]);
    const shown = (await user.get(`/api/accounts/${account.id}/transactions`)).json().transactions;
    const idOf = (description: string) =>
      shown.find((t: { description: string }) => t.description === description).id;
    expect(fitids(june.body)).toEqual([idOf('Paie'), idOf('Dépanneur & café')]);
    expect(june.rawPayload.includes(Buffer.from('D\u00e9panneur &amp; caf\u00e9', 'latin1'))).toBe(true);
    expect(june.body).toContain('<LEDGERBAL><BALAMT>100.00</BALAMT>'.replaceAll('><', '>\r\n<'));

    // A later refresh brings the same transactions again: a wider export names them by the same FITIDs.
    await store([{ current: 100, available: 90, transactions }]);
    const all = await user.get(url);
    expect(fitids(all.body)).toEqual([idOf('Older'), idOf('Paie'), idOf('Dépanneur & café')]);

    const stranger = new Browser(suite.app);
    await stranger.post('/api/links', { loginId: crypto.randomUUID() });
    const refused = await stranger.get(url);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('NOT_FOUND');
  });

  it('gives daily closing balances from running balances, or derived from the current balance', async () => {
    const reported = await linkedUser();
    await reported.store([
      {
        transactions: [
          { id: '3', date: '2026-07-02', debit: 5, balance: 85 },
          { id: '2', date: '2026-07-02', debit: 10, balance: 90 },
          { id: '1', date: '2026-07-01', credit: 100, balance: 100 },
        ],
      },
    ]);
    const [withBalances] = await reported.accounts();
    expect((await reported.user.get(`/api/accounts/${withBalances.id}/balances`)).json()).toEqual({
      currency: 'CAD',
      points: [
        { date: '2026-07-01', balance: 10_000 },
        { date: '2026-07-02', balance: 8_500 },
      ],
    });

    const derived = await linkedUser();
    await derived.store([
      {
        currency: 'USD',
        current: 50,
        transactions: [
          { id: '3', date: '2026-07-03', credit: 20 },
          { id: '2', date: '2026-07-02', debit: 5 },
          { id: '1', date: '2026-07-02', debit: 10 },
        ],
      },
    ]);
    const [withoutBalances] = await derived.accounts();
    expect((await derived.user.get(`/api/accounts/${withoutBalances.id}/balances`)).json()).toEqual({
      currency: 'USD',
      points: [
        { date: '2026-07-02', balance: 3_000 },
        { date: '2026-07-03', balance: 5_000 },
      ],
    });
  });
});
