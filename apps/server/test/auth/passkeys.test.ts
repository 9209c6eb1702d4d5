import { describe, expect, it } from 'vitest';
import { createPasskey, SoftwareAuthenticator, signInWithPasskey } from '../helpers/authenticator.ts';
import { Browser } from '../helpers/browser.ts';
import { TEST_PUBLIC_URL } from '../helpers/config.ts';
import { ENGINES } from '../helpers/database.ts';
import { countRows, useApp } from '../helpers/suite.ts';

describe.each(ENGINES)('passkey accounts on %s', (engine) => {
  const suite = useApp(engine);

  const count = (from: string, params: unknown[]) => countRows(suite.database.db, from, params);

  async function linkedAnonymously() {
    const browser = new Browser(suite.app);
    const { link, job } = (await browser.post('/api/links', { loginId: crypto.randomUUID() })).json();
    return { browser, link, job };
  }

  it('makes the anonymous user an account: the same links and jobs, nothing copied', async () => {
    const { browser, link, job } = await linkedAnonymously();
    const userId = await browser.userId();
    const authenticator = new SoftwareAuthenticator(TEST_PUBLIC_URL);

    const created = await createPasskey(browser, authenticator, 'My laptop');
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toEqual({ user: { id: userId, account: true, passkeys: 1 } });

    const links = (await browser.get('/api/links')).json().links;
    expect(links.map((item: { id: string }) => item.id)).toEqual([link.id]);
    expect((await browser.get(`/api/jobs/${job.id}`)).statusCode).toBe(200);
    expect(await count('links WHERE user_id = $1', [userId])).toBe(1);
    expect(await count('users WHERE id = $1 AND account_created_at IS NOT NULL', [userId])).toBe(1);
    const passkeys = (await browser.get('/api/account/passkeys')).json().passkeys;
    expect(passkeys).toEqual([
      { id: expect.any(String), name: 'My laptop', createdAt: expect.any(String), lastUsedAt: null },
    ]);
  });

  it('rotates the session at account creation: the cookie from before acts for nobody', async () => {
    const { browser, link } = await linkedAnonymously();
    const before = browser.cookie;
    await createPasskey(browser, new SoftwareAuthenticator(TEST_PUBLIC_URL));
    expect(browser.cookie).not.toBe(before);

    const planted = new Browser(suite.app).withCookie(before);
    expect((await planted.get('/api/links')).json()).toEqual({ links: [] });
    expect((await planted.get(`/api/links/${link.id}`)).statusCode).toBe(404);
    expect((await planted.get('/api/auth/session')).json().user).toBeNull();
  });

  it('signs in on another browser with the discoverable passkey, in a new session, and sees the links', async () => {
    const { browser, link } = await linkedAnonymously();
    const authenticator = new SoftwareAuthenticator(TEST_PUBLIC_URL);
    await createPasskey(browser, authenticator);

    // Another device holding the same passkey, whose browser already had a session (planted, say).
    const other = new Browser(suite.app);
    await other.post('/api/auth/sign-out');
    const fixated = (await new Browser(suite.app).post('/api/connect/token', { jobId: crypto.randomUUID() }))
      .headers['set-cookie'];
    other.cookie = String(fixated).split(';')[0] ?? null;
    const planted = other.cookie;
    const signedIn = await signInWithPasskey(other, authenticator.copy());
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(other.cookie).not.toBe(planted);
    expect((await other.get('/api/links')).json().links.map((item: { id: string }) => item.id)).toEqual([
      link.id,
    ]);
    expect(
      (await new Browser(suite.app).withCookie(planted).get('/api/auth/session')).json().user,
    ).toBeNull();
    const [passkey] = (await other.get('/api/account/passkeys')).json().passkeys;
    expect(passkey.lastUsedAt).not.toBeNull();
  });

  it('brings what an anonymous browser linked into the account it signs in to', async () => {
    const first = await linkedAnonymously();
    const authenticator = new SoftwareAuthenticator(TEST_PUBLIC_URL);
    await createPasskey(first.browser, authenticator);

    const second = await linkedAnonymously();
    const anonymousId = await second.browser.userId();
    await signInWithPasskey(second.browser, authenticator.copy());
    const ids = (await second.browser.get('/api/links')).json().links.map((item: { id: string }) => item.id);
    expect(ids.sort()).toEqual([first.link.id, second.link.id].sort());
    expect(await count('users WHERE id = $1', [anonymousId])).toBe(0);
    expect((await first.browser.get('/api/links')).json().links).toHaveLength(2);
  });

  it('refuses a replayed challenge, another origin, and a passkey it does not know', async () => {
    const browser = new Browser(suite.app);
    const authenticator = new SoftwareAuthenticator(TEST_PUBLIC_URL);
    const { options } = (await browser.post('/api/auth/passkeys/registration/options')).json();
    const credential = authenticator.create(options);
    expect((await browser.post('/api/auth/passkeys/registration', { credential })).statusCode).toBe(200);
    const replay = await new Browser(suite.app).post('/api/auth/passkeys/registration', { credential });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('PASSKEY_NOT_VERIFIED');

    const phishing = new SoftwareAuthenticator('http://passbook.example.evil');
    phishing.credentials.push(...authenticator.credentials);
    const fromElsewhere = await signInWithPasskey(new Browser(suite.app), phishing);
    expect(fromElsewhere.statusCode).toBe(400);

    const stranger = new SoftwareAuthenticator(TEST_PUBLIC_URL);
    stranger.create({ challenge: 'unused' });
    const unknown = await signInWithPasskey(new Browser(suite.app), stranger);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('PASSKEY_UNKNOWN');
  });

  it('adds, renames and removes passkeys, but never the last one', async () => {
    const browser = new Browser(suite.app);
    const laptop = new SoftwareAuthenticator(TEST_PUBLIC_URL);
    await createPasskey(browser, laptop, 'Laptop');
    const [only] = (await browser.get('/api/account/passkeys')).json().passkeys;
    const refused = await browser.delete(`/api/account/passkeys/${only.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('LAST_PASSKEY');

    const before = browser.cookie;
    const added = await createPasskey(browser, new SoftwareAuthenticator(TEST_PUBLIC_URL), 'Phone');
    expect(added.json().user.passkeys).toBe(2);
    // Adding a passkey to one's own account keeps the session.
    expect(browser.cookie).toBe(before);

    const renamed = await browser.request({
      method: 'PATCH',
      url: `/api/account/passkeys/${only.id}`,
      payload: { name: 'Old laptop' },
    });
    expect(renamed.json().passkey.name).toBe('Old laptop');
    expect((await browser.delete(`/api/account/passkeys/${only.id}`)).statusCode).toBe(204);
    const left = (await browser.get('/api/account/passkeys')).json().passkeys;
    expect(left.map((passkey: { name: string }) => passkey.name)).toEqual(['Phone']);
    // The removed passkey no longer signs in.
    const withRemoved = await signInWithPasskey(new Browser(suite.app), laptop);
    expect(withRemoved.statusCode).toBe(401);
  });

  it('answers 404 to another user on every passkey and session route, and changes nothing', async () => {
    const owner = new Browser(suite.app);
    await createPasskey(owner, new SoftwareAuthenticator(TEST_PUBLIC_URL), 'Mine');
    await createPasskey(owner, new SoftwareAuthenticator(TEST_PUBLIC_URL), 'Mine too');
    const [passkey] = (await owner.get('/api/account/passkeys')).json().passkeys;
    const [session] = (await owner.get('/api/account/sessions')).json().sessions;

    const intruder = new Browser(suite.app);
    await createPasskey(intruder, new SoftwareAuthenticator(TEST_PUBLIC_URL));
    const attempts = [
      await intruder.request({
        method: 'PATCH',
        url: `/api/account/passkeys/${passkey.id}`,
        payload: { name: 'Taken' },
      }),
      await intruder.delete(`/api/account/passkeys/${passkey.id}`),
      await intruder.delete(`/api/account/sessions/${session.id}`),
    ];
    expect(attempts.map((response) => response.statusCode)).toEqual([404, 404, 404]);
    expect((await intruder.get('/api/account/passkeys')).json().passkeys).toHaveLength(1);
    expect((await intruder.get('/api/account/sessions')).json().sessions).toHaveLength(1);
    expect(
      (await intruder.get('/api/account/audit'))
        .json()
        .events.every((event: { event: string }) => event.event !== 'passkey_renamed'),
    ).toBe(true);
    expect((await owner.get('/api/account/passkeys')).json().passkeys[0].name).toBe('Mine');
    expect((await owner.get('/api/auth/session')).json().user.account).toBe(true);
  });
});
