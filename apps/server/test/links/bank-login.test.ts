/**
 * One bank login, one link, whatever LoginId Connect gives: a reconnection after a password change takes the
 * new LoginId into the link the person has (its history kept, the old LoginId deleted at Flinks), and the same
 * login linked a second time is recognised, its new LoginId deleted at Flinks, nothing counted twice.
 */
import type { FlinksClient } from '@passbook/flinks';
import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/database.ts';
import { countingUpdates } from '../helpers/row-writes.ts';
import { clientFor, waitForJob } from '../helpers/stack.ts';
import { useStack } from '../helpers/suite.ts';

describe.each(ENGINES)('a bank login linked again on %s', (engine) => {
  const stack = useStack(engine);
  let bank: FlinksClient;

  beforeAll(() => {
    bank = clientFor(stack.sandbox);
  });

  /** The person signing in to their bank through Connect: what its REDIRECT carries. */
  async function signIn(username: string): Promise<string> {
    const result = await bank.authorize({
      username,
      password: 'Everyday',
      institution: 'FlinksCapital',
      save: true,
    });
    if (result.kind !== 'authorized') throw new Error(`${username} asked for security answers`);
    return result.loginId;
  }

  async function linked(user: Browser, loginId: string) {
    const { job, link } = (await user.post('/api/links', { loginId })).json();
    return { link, job: await waitForJob(user, job.id) };
  }

  async function flinksKnows(loginId: string): Promise<boolean> {
    try {
      await bank.authorize({ loginId, mostRecentCached: true });
      return true;
    } catch {
      return false;
    }
  }

  async function transactionIds(linkId: string): Promise<string[]> {
    const { rows } = await stack.database.db.query<{ id: string }>(
      'SELECT t.id FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE a.link_id = $1',
      [linkId],
    );
    return rows.map((row) => row.id);
  }

  async function transactionsOf(linkId: string): Promise<number> {
    const { rows } = await stack.database.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE a.link_id = $1',
      [linkId],
    );
    return rows[0]?.n ?? 0;
  }

  it('reconnects a link whose sign-in broke into the same link, with its history, under the new LoginId', async () => {
    const user = new Browser(stack.app);
    const oldLoginId = await signIn('greatday_nomfa');
    const first = await linked(user, oldLoginId);
    expect(first.job.state).toBe('succeeded');
    const before = (await user.get('/api/links')).json().links;
    const stored = await transactionsOf(first.link.id);
    const history = await transactionIds(first.link.id);

    // The bank password changed: the link's refresh fails and the person must sign in again.
    await stack.sandbox.control.breakCredentials(oldLoginId);
    const refresh = (await user.post(`/api/links/${first.link.id}/refresh`)).json().job;
    expect((await waitForJob(user, refresh.id)).state).toBe('failed');
    expect((await user.get(`/api/links/${first.link.id}`)).json().link.health.needsYou).toBe(true);

    const newLoginId = await signIn('GreatDay_NoMFA');
    expect(newLoginId).not.toBe(oldLoginId);
    const again = await linked(user, newLoginId);
    expect(again.job).toMatchObject({ state: 'succeeded', error: null });
    expect((await user.get(`/api/jobs/${again.job.id}`)).json().job.linkId).toBe(first.link.id);

    const { links } = (await user.get('/api/links')).json();
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ id: first.link.id, status: 'active', lastError: null });
    expect(links[0].health.needsYou).toBe(false);
    expect(links[0].createdAt).toBe(before[0].createdAt);
    expect(links[0].accounts.map((a: { id: string }) => a.id)).toEqual(
      before[0].accounts.map((a: { id: string }) => a.id),
    );
    expect(await transactionsOf(first.link.id)).toBeGreaterThanOrEqual(stored);
    const now = new Set(await transactionIds(first.link.id));
    expect(history.filter((id) => !now.has(id))).toEqual([]);

    // The vault holds the new LoginId; Flinks forgot the old one.
    const { rows } = await stack.database.db.query<{
      login_id_hash: string;
      login_id_encrypted: string;
      bank_login_key: string;
    }>('SELECT login_id_hash, login_id_encrypted, bank_login_key FROM links');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.login_id_hash).toBe(stack.app.vault.hash(newLoginId));
    expect(stack.app.vault.decrypt(rows[0]?.login_id_encrypted ?? '', first.link.id)).toBe(newLoginId);
    expect(rows[0]?.bank_login_key).toBe(stack.app.vault.bankLoginKey('FlinksCapital', 'greatday_nomfa'));
    expect(rows[0]?.bank_login_key.toLowerCase()).not.toContain('greatday');
    expect(await flinksKnows(oldLoginId)).toBe(false);
    expect(await flinksKnows(newLoginId)).toBe(true);
  });

  it('recognises the same bank login linked twice: one link, the new LoginId deleted at Flinks', async () => {
    const user = new Browser(stack.app);
    const loginId = await signIn('greatday_nomfa');
    const first = await linked(user, loginId);
    expect(first.job.state).toBe('succeeded');
    const before = (await user.get('/api/links')).json().links;
    const stored = await transactionsOf(first.link.id);

    const duplicate = await signIn('greatday_nomfa');
    const second = await linked(user, duplicate);
    expect(second.link.id).not.toBe(first.link.id);
    expect(second.job).toMatchObject({ state: 'failed', error: { code: 'ALREADY_LINKED' } });
    expect((await user.get(`/api/jobs/${second.job.id}`)).json().job.linkId).toBe(first.link.id);

    const { links } = (await user.get('/api/links')).json();
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ id: first.link.id, status: 'active', lastError: null });
    expect(links[0].accounts).toEqual(before[0].accounts);
    expect(await transactionsOf(first.link.id)).toBe(stored);
    expect((await user.get(`/api/links/${second.link.id}`)).statusCode).toBe(404);
    expect(await flinksKnows(duplicate)).toBe(false);
    expect(await flinksKnows(loginId)).toBe(true);
  });

  it('keeps two bank logins at one bank, and another person with the same login, apart', async () => {
    const user = new Browser(stack.app);
    expect((await linked(user, await signIn('greatday_nomfa'))).job.state).toBe('succeeded');
    expect((await linked(user, await signIn('greatday_nomfa+2'))).job.state).toBe('succeeded');
    expect((await user.get('/api/links')).json().links).toHaveLength(2);

    const someoneElse = new Browser(stack.app);
    expect((await linked(someoneElse, await signIn('greatday_nomfa'))).job.state).toBe('succeeded');
    expect((await someoneElse.get('/api/links')).json().links).toHaveLength(1);
    expect((await user.get('/api/links')).json().links).toHaveLength(2);
  });

  it('writes a new link’s row three times over its link job: linked, signed in (institution, username, bank login at once), stored', async () => {
    // Every UPDATE of a link row is counted by the database itself, for this test only.
    const { db } = stack.database;
    await countingUpdates(db, 'links', async (writesSoFar) => {
      const user = new Browser(stack.app);
      const { link, job } = await linked(user, await signIn('greatday_nomfa+4'));
      expect(job.state).toBe('succeeded');
      expect((await writesSoFar()).get(link.id)).toBe(3);
      const { rows: stored } = await db.query<{
        institution: string;
        username_masked: string | null;
        bank_login_key: string | null;
        status: string;
        next_sync_at: Date | null;
      }>(
        'SELECT institution, username_masked, bank_login_key, status, next_sync_at FROM links WHERE id = $1',
        [link.id],
      );
      expect(stored[0]).toMatchObject({
        institution: 'FlinksCapital',
        bank_login_key: stack.app.vault.bankLoginKey('FlinksCapital', 'greatday_nomfa+4'),
        status: 'active',
      });
      expect(stored[0]?.username_masked).toMatch(/•/);
    });
  });

  it('still records the bank login when the database fails as the Authorize is written, and links the same login once', async () => {
    // The first write of a bank login key fails as a lost connection would, once, for this test only (a
    // sequence counts the tries: its count is not rolled back with the failed transaction).
    const { db } = stack.database;
    await db.query('CREATE SEQUENCE link_key_writes');
    await db.query(
      `CREATE FUNCTION fail_link_write() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.bank_login_key IS DISTINCT FROM OLD.bank_login_key AND nextval('link_key_writes') = 1 THEN
           RAISE EXCEPTION 'connection lost' USING ERRCODE = '08006';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await db.query(
      'CREATE TRIGGER fail_link_write BEFORE UPDATE ON links FOR EACH ROW EXECUTE FUNCTION fail_link_write()',
    );
    try {
      const user = new Browser(stack.app);
      const first = await linked(user, await signIn('greatday_nomfa+5'));
      expect(first.job.state).toBe('succeeded');
      const { rows } = await db.query<{ tries: number; bank_login_key: string | null; institution: string }>(
        'SELECT (SELECT last_value FROM link_key_writes)::int AS tries, bank_login_key, institution FROM links WHERE id = $1',
        [first.link.id],
      );
      expect(rows[0]).toEqual({
        tries: 2,
        bank_login_key: stack.app.vault.bankLoginKey('FlinksCapital', 'greatday_nomfa+5'),
        institution: 'FlinksCapital',
      });
      const second = await linked(user, await signIn('greatday_nomfa+5'));
      expect(second.job).toMatchObject({ state: 'failed', error: { code: 'ALREADY_LINKED' } });
      expect((await user.get('/api/links')).json().links).toHaveLength(1);
    } finally {
      await db.query('DROP TRIGGER fail_link_write ON links');
      await db.query('DROP FUNCTION fail_link_write()');
      await db.query('DROP SEQUENCE link_key_writes');
    }
  });
});
