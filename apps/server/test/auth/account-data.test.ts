/**
 * Leaving with one's data and going, against the emulator over HTTP: the export holds every link, account and
 * transaction (and never a LoginId), another user's export holds none of them, and deleting the account removes
 * every link at Flinks and here, the sessions and the passkeys — a deletion refused half-way by Flinks is
 * finished by the next attempt and names what was removed.
 */
import { describe, expect, it } from 'vitest';
import { createPasskey, SoftwareAuthenticator, signInWithPasskey } from '../helpers/authenticator.ts';
import { Browser } from '../helpers/browser.ts';
import { TEST_PUBLIC_URL } from '../helpers/config.ts';
import { ENGINES } from '../helpers/database.ts';
import { vapidKeys } from '../helpers/push-service.ts';
import { countRows, linkBank, useStack } from '../helpers/suite.ts';

describe.each(ENGINES)('export and account deletion on %s', (engine) => {
  const vapid = vapidKeys();
  const stack = useStack(engine, {
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:ops@passbook.test',
  });

  const count = (from: string, params: unknown[]) => countRows(stack.database.db, from, params);

  /** An account with two linked banks, their first retrieval finished. */
  async function accountWithTwoBanks() {
    const browser = new Browser(stack.app);
    const loginIds: string[] = [];
    for (const username of ['greatday_nomfa', 'greatday_nomfa+2']) {
      const { loginId, job } = await linkBank(stack, username, { user: browser });
      loginIds.push(loginId);
      expect(job.state).toBe('succeeded');
    }
    const authenticator = new SoftwareAuthenticator(TEST_PUBLIC_URL);
    await createPasskey(browser, authenticator);
    return { browser, loginIds, authenticator, userId: await browser.userId() };
  }

  it('exports every link, account and transaction, never a LoginId, and nothing of another user', async () => {
    const { browser, loginIds, userId } = await accountWithTwoBanks();
    const response = await browser.get('/api/account/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('passbook-export.json');
    const exported = response.json();
    expect(exported.links).toHaveLength(2);
    const accounts = exported.links.flatMap((link: { accounts: unknown[] }) => link.accounts);
    expect(accounts).toHaveLength(await count('accounts WHERE user_id = $1', [userId]));
    const transactions = accounts.flatMap((account: { transactions: unknown[] }) => account.transactions);
    expect(transactions.length).toBeGreaterThan(0);
    expect(transactions).toHaveLength(
      await count('transactions t JOIN accounts a ON a.id = t.account_id WHERE a.user_id = $1', [userId]),
    );
    expect(transactions[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        date: expect.any(String),
        amount: expect.any(Number),
      }),
    );
    // The balances kept day by day (the net worth history) are the person's too.
    const kept = accounts.flatMap((account: { dailyBalances: unknown[] }) => account.dailyBalances);
    expect(kept).toHaveLength(
      await count('balance_snapshots s JOIN accounts a ON a.id = s.account_id WHERE a.user_id = $1', [
        userId,
      ]),
    );
    expect(kept.length).toBeGreaterThan(0);
    expect(kept[0]).toEqual({
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      balance: expect.any(Number),
    });
    for (const loginId of loginIds) expect(response.body.toLowerCase()).not.toContain(loginId.toLowerCase());

    const other = new Browser(stack.app);
    await other.post('/api/links', { loginId: crypto.randomUUID() });
    const theirs = (await other.get('/api/account/export')).json();
    expect(theirs.links).toHaveLength(1);
    expect(JSON.stringify(theirs)).not.toContain(exported.links[0].id);
  });

  it('exports each account’s statements with their months and where their PDFs are, and what the person asked to be told, never a device’s endpoint or keys', async () => {
    const { browser, userId } = await accountWithTwoBanks();
    const device = {
      endpoint: `https://fcm.googleapis.com/fcm/send/${crypto.randomUUID()}`,
      keys: { p256dh: `B${'p'.repeat(86)}`, auth: 'secretauthvalue1234567' },
    };
    const saved = await browser.put('/api/notifications/subscription', {
      subscription: device,
      language: 'fr',
    });
    expect(saved.statusCode, saved.body).toBe(204);
    const settings = { linkNeedsYou: false, transactionsAbove: 50_000 };
    expect((await browser.put('/api/notifications/settings', settings)).statusCode).toBe(200);

    const response = await browser.get('/api/account/export');
    expect(response.statusCode).toBe(200);
    const exported = response.json();
    const accounts: { id: string; statements: { id: string; period: string; file: string }[] }[] =
      exported.links.flatMap((link: { accounts: unknown[] }) => link.accounts);
    const statements = accounts.flatMap((account) =>
      account.statements.map((statement) => ({ account, statement })),
    );
    expect(statements.length).toBeGreaterThan(0);
    expect(statements).toHaveLength(
      await count('statements s JOIN accounts a ON a.id = s.account_id WHERE a.user_id = $1', [userId]),
    );
    for (const { account, statement } of statements) {
      expect(statement).toEqual({
        id: expect.any(String),
        period: expect.stringMatching(/^\d{4}-\d{2}$/),
        sizeBytes: expect.any(Number),
        file: `/api/accounts/${account.id}/statements/${statement.id}`,
      });
    }
    const [first] = statements;
    const pdf = await browser.get(first?.statement.file ?? '');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    expect(exported.notifications).toEqual({
      settings,
      pushDevices: [{ pushService: 'fcm.googleapis.com', language: 'fr', subscribedAt: expect.any(String) }],
    });
    expect(response.body).not.toContain(new URL(device.endpoint).pathname);
    expect(response.body).not.toContain(device.keys.p256dh);
    expect(response.body).not.toContain(device.keys.auth);

    // Someone who never chose has the defaults, and no device.
    const other = new Browser(stack.app);
    await other.post('/api/links', { loginId: crypto.randomUUID() });
    expect((await other.get('/api/account/export')).json().notifications).toEqual({
      settings: { linkNeedsYou: true, transactionsAbove: null },
      pushDevices: [],
    });
  });

  it('records consent per link, and stopping sharing revokes it at once, at Flinks and here', async () => {
    const { browser, loginIds } = await accountWithTwoBanks();
    const consents = (await browser.get('/api/consents')).json().consents;
    expect(consents).toHaveLength(2);
    for (const consent of consents) {
      expect(consent).toEqual({
        linkId: expect.any(String),
        institution: 'FlinksCapital',
        scopes: ['accounts', 'balances', 'transactions'],
        grantedAt: expect.any(String),
        lastFetchedAt: expect.any(String),
        revokedAt: null,
      });
    }
    const stranger = new Browser(stack.app);
    await stranger.post('/api/links', { loginId: crypto.randomUUID() });
    const theirs = (await stranger.get('/api/consents')).json().consents;
    expect(theirs.map((consent: { linkId: string }) => consent.linkId)).not.toContain(consents[0].linkId);

    const [stopped] = consents;
    expect((await browser.delete(`/api/links/${stopped.linkId}`)).statusCode).toBe(204);
    const after = (await browser.get('/api/consents')).json().consents;
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({ linkId: stopped.linkId, institution: 'FlinksCapital' });
    expect(after[1].revokedAt).toEqual(expect.any(String));
    expect(after[0].revokedAt).toBeNull();
    expect(await count('links WHERE id = $1', [stopped.linkId])).toBe(0);
    const deleteCards = await stack.sandbox.control.calls({ endpoint: 'DeleteCard' });
    expect(
      deleteCards.filter((call) => loginIds.includes(call.loginId ?? '')).map((call) => call.status),
    ).toEqual([200]);
  });

  it('deletes the account: a DeleteCard refused half-way is finished by the next attempt', async () => {
    const { browser, loginIds, authenticator, userId } = await accountWithTwoBanks();
    const phone = new Browser(stack.app);
    await signInWithPasskey(phone, authenticator.copy());
    const accounts = await count('accounts WHERE user_id = $1', [userId]);
    const transactions = await count(
      'transactions t JOIN accounts a ON a.id = t.account_id WHERE a.user_id = $1',
      [userId],
    );

    // A refusal removal does not wait out (it asks again only while Flinks says CARD_IN_USE).
    await stack.sandbox.control.injectFault({
      endpoint: 'DeleteCard',
      kind: 'flinks',
      status: 401,
      flinksCode: 'RETRY_LATER',
    });
    const halfWay = await browser.post('/api/account/delete');
    expect(halfWay.statusCode).toBe(502);
    expect(halfWay.json().error.message).toContain('not deleted yet');
    expect(await count('links WHERE user_id = $1', [userId])).toBe(1);
    expect((await browser.get('/api/auth/session')).json().user).not.toBeNull();

    const finished = await browser.post('/api/account/delete');
    expect(finished.statusCode, finished.body).toBe(200);
    expect(finished.json()).toEqual({
      removed: { links: 2, accounts, transactions, passkeys: 1, identities: 0, sessions: 2 },
    });
    const deleteCards = await stack.sandbox.control.calls({ endpoint: 'DeleteCard' });
    for (const loginId of loginIds) {
      expect(deleteCards.filter((call) => call.loginId === loginId).at(-1)?.status).toBe(200);
    }
    for (const table of ['users WHERE id = $1', 'links WHERE user_id = $1', 'accounts WHERE user_id = $1']) {
      expect(await count(table, [userId]), table).toBe(0);
    }
    expect(await count('sessions WHERE user_id = $1', [userId])).toBe(0);
    expect(await count('passkeys WHERE user_id = $1', [userId])).toBe(0);
    expect((await phone.get('/api/auth/session')).json().user).toBeNull();
    expect((await signInWithPasskey(new Browser(stack.app), authenticator)).statusCode).toBe(401);
    const { rows } = await stack.database.db.query<{ event: string }>(
      'SELECT event FROM audit_events WHERE user_id = $1 ORDER BY seq DESC LIMIT 1',
      [userId],
    );
    expect(rows[0]?.event).toBe('account_deleted');
  });
});
