/**
 * Single sign-on against a real OpenID provider (`oidc-provider` on localhost, started here), its sign-in and
 * consent pages gone through over HTTP: a first sign-in creates an account (keeping what an anonymous browser
 * linked), a second one finds it, a passkey account adds its identity, removing a way in never removes the
 * last, and a callback that is not this browser's, is replayed, expired or refused is answered in our error
 * shape. Another user's ids answer 404.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createPasskey, SoftwareAuthenticator } from '../helpers/authenticator.ts';
import { Browser } from '../helpers/browser.ts';
import { TEST_PUBLIC_URL, testConfig } from '../helpers/config.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startOidcProvider, type TestProvider, throughProvider } from '../helpers/oidc-provider.ts';

const CALLBACK = `${TEST_PUBLIC_URL}/api/auth/oidc/callback`;

describe.each(ENGINES)('single sign-on with OpenID Connect on %s', (engine) => {
  let database: TestDatabase;
  let provider: TestProvider;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    provider = await startOidcProvider(CALLBACK);
    app = await buildApp(
      testConfig({
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_NAME: 'Test ID',
      }),
      { database: database.db, runJobs: false },
    );
  });

  afterAll(async () => {
    await app.close();
    await provider.close();
    await database.close();
  });

  async function count(sql: string, params: unknown[]): Promise<number> {
    const { rows } = await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
    return rows[0]?.n ?? -1;
  }

  /** The provider's answer for `login`, for a flow begun by `browser` at `startUrl`. */
  async function atProvider(browser: Browser, login: string, startUrl = '/api/auth/oidc/start') {
    const started = await browser.post(startUrl);
    expect(started.statusCode, started.body).toBe(200);
    const back = await throughProvider(started.json().url, login, CALLBACK);
    return `${back.pathname}${back.search}`;
  }

  async function signInWith(browser: Browser, login: string, startUrl?: string) {
    return browser.get(await atProvider(browser, login, startUrl));
  }

  it('says which provider it offers, and the start sends the browser there with PKCE, state and nonce', async () => {
    const browser = new Browser(app);
    expect((await browser.get('/api/auth/session')).json().singleSignOn).toEqual({ name: 'Test ID' });
    const started = await browser.post('/api/auth/oidc/start');
    const url = new URL(started.json().url);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (const name of ['code_challenge', 'state', 'nonce']) expect(url.searchParams.get(name)).toBeTruthy();
    expect(browser.signInFlow).not.toBeNull();
    const cookie = started.cookies.find((item) => item.name === 'passbook_sign_in');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc' });
    // Cross-site, the start is refused like every state-changing request.
    const forged = await new Browser(app, 'https://evil.example').post('/api/auth/oidc/start');
    expect(forged.statusCode).toBe(403);
  });

  it('creates an account at the first sign-in, keeps only issuer and subject, and finds it again', async () => {
    const subject = `person-${crypto.randomUUID()}`;
    const first = new Browser(app);
    const flows = await count('oidc_flows', []);
    const signedIn = await signInWith(first, subject);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const { user } = signedIn.json();
    expect(user).toEqual({ id: expect.any(String), account: true, passkeys: 0 });
    expect(first.signInFlow).toBeNull();
    const link = (await first.post('/api/links', { loginId: crypto.randomUUID() })).json().link;

    const { rows } = await database.db.query<Record<string, unknown>>(
      'SELECT * FROM oidc_identities WHERE user_id = $1',
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(
      ['created_at', 'id', 'issuer', 'last_used_at', 'subject', 'user_id'].sort(),
    );
    expect(rows[0]).toMatchObject({ issuer: provider.issuer, subject });
    // The flow is spent once answered.
    expect(await count('oidc_flows', [])).toBe(flows);
    const events = (await first.get('/api/account/audit'))
      .json()
      .events.map((e: { event: string }) => e.event);
    expect(events).toEqual(['identity_added', 'account_created']);
    expect((await first.get('/api/account/identities')).json().identities).toEqual([
      {
        id: expect.any(String),
        provider: 'Test ID',
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
      },
    ]);

    expect((await first.post('/api/auth/sign-out')).statusCode).toBe(204);
    const again = new Browser(app);
    const back = await signInWith(again, subject);
    expect(back.json().user.id).toBe(user.id);
    expect((await again.get('/api/links')).json().links.map((item: { id: string }) => item.id)).toEqual([
      link.id,
    ]);
    expect(await count('users WHERE id = $1', [user.id])).toBe(1);
  });

  it('a browser is sent on to the app, and its error to the sign-in page with a code', async () => {
    const browser = new Browser(app);
    const path = await atProvider(browser, `person-${crypto.randomUUID()}`);
    const page = await browser.request({ method: 'GET', url: path, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/');
    expect((await browser.get('/api/auth/session')).json().user.account).toBe(true);

    const replayed = await new Browser(app).request({
      method: 'GET',
      url: path,
      headers: { accept: 'text/html' },
    });
    expect(replayed.statusCode).toBe(303);
    expect(replayed.headers.location).toBe('/sign-in?signInError=OIDC_STATE_MISMATCH');
  });

  it('makes the anonymous user the account: its links and jobs stay, nothing copied, the session rotated', async () => {
    const browser = new Browser(app);
    const { link, job } = (await browser.post('/api/links', { loginId: crypto.randomUUID() })).json();
    const anonymousId = await browser.userId();
    const before = browser.cookie;

    const signedIn = await signInWith(browser, `person-${crypto.randomUUID()}`);
    expect(signedIn.json().user).toEqual({ id: anonymousId, account: true, passkeys: 0 });
    expect(browser.cookie).not.toBe(before);
    expect((await browser.get('/api/links')).json().links.map((item: { id: string }) => item.id)).toEqual([
      link.id,
    ]);
    expect((await browser.get(`/api/jobs/${job.id}`)).statusCode).toBe(200);
    expect(await count('links WHERE user_id = $1', [anonymousId])).toBe(1);

    const planted = new Browser(app).withCookie(before);
    expect((await planted.get('/api/links')).json()).toEqual({ links: [] });
  });

  it('brings what an anonymous browser linked into the existing account it signs in to', async () => {
    const subject = `person-${crypto.randomUUID()}`;
    const owner = new Browser(app);
    const accountId = (await signInWith(owner, subject)).json().user.id;

    const anonymous = new Browser(app);
    const { link } = (await anonymous.post('/api/links', { loginId: crypto.randomUUID() })).json();
    const anonymousId = await anonymous.userId();
    expect((await signInWith(anonymous, subject)).json().user.id).toBe(accountId);
    expect((await owner.get('/api/links')).json().links.map((item: { id: string }) => item.id)).toEqual([
      link.id,
    ]);
    expect(await count('users WHERE id = $1', [anonymousId])).toBe(0);
  });

  it('adds the identity to a passkey account; then either way in works, and the last is never removed', async () => {
    const browser = new Browser(app);
    const authenticator = new SoftwareAuthenticator(TEST_PUBLIC_URL);
    const accountId = (await createPasskey(browser, authenticator)).json().user.id;
    const subject = `person-${crypto.randomUUID()}`;

    const attached = await signInWith(browser, subject, '/api/account/identities/oidc');
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json().user).toEqual({ id: accountId, account: true, passkeys: 1 });
    const [identity] = (await browser.get('/api/account/identities')).json().identities;

    const elsewhere = new Browser(app);
    expect((await signInWith(elsewhere, subject)).json().user.id).toBe(accountId);

    // The identity is another way in: the only passkey can go, and then the identity cannot.
    const [passkey] = (await browser.get('/api/account/passkeys')).json().passkeys;
    expect((await browser.delete(`/api/account/passkeys/${passkey.id}`)).statusCode).toBe(204);
    const last = await browser.delete(`/api/account/identities/${identity.id}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('LAST_WAY_IN');
    expect(await count('oidc_identities WHERE user_id = $1', [accountId])).toBe(1);

    // With a passkey again, the identity can go, and no longer signs in to the account.
    await createPasskey(browser, new SoftwareAuthenticator(TEST_PUBLIC_URL));
    expect((await browser.delete(`/api/account/identities/${identity.id}`)).statusCode).toBe(204);
    const events = (await browser.get('/api/account/audit'))
      .json()
      .events.map((e: { event: string }) => e.event);
    expect(events).toContain('identity_added');
    expect(events).toContain('identity_removed');
    const stranger = new Browser(app);
    expect((await signInWith(stranger, subject)).json().user.id).not.toBe(accountId);
  });

  it('deleting the account forgets its identity, and names it among what was removed', async () => {
    const subject = `person-${crypto.randomUUID()}`;
    const browser = new Browser(app);
    const accountId = (await signInWith(browser, subject)).json().user.id;
    const deleted = await browser.post('/api/account/delete');
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json().removed).toMatchObject({ passkeys: 0, identities: 1 });
    expect(await count('oidc_identities WHERE user_id = $1', [accountId])).toBe(0);
    const again = await signInWith(new Browser(app), subject);
    expect(again.json().user.id).not.toBe(accountId);
  });

  it('a sign-in begun on one instance is finished by another on the same database', async () => {
    const other = await buildApp(
      testConfig({
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
      }),
      { database: database.db, runJobs: false },
    );
    try {
      const browser = new Browser(app);
      const path = await atProvider(browser, `person-${crypto.randomUUID()}`);
      const elsewhere = new Browser(other).withCookie(browser.cookie);
      elsewhere.signInFlow = browser.signInFlow;
      const finished = await elsewhere.get(path);
      expect(finished.statusCode, finished.body).toBe(200);
      expect(finished.json().user.account).toBe(true);
      // The session it issued is seen by the first instance at once.
      expect(
        (await new Browser(app).withCookie(elsewhere.cookie).get('/api/auth/session')).json().user,
      ).toEqual(finished.json().user);
    } finally {
      await other.close();
    }
  });

  it('refuses an identity another account already has', async () => {
    const subject = `person-${crypto.randomUUID()}`;
    await signInWith(new Browser(app), subject);
    const other = new Browser(app);
    await createPasskey(other, new SoftwareAuthenticator(TEST_PUBLIC_URL));
    const refused = await signInWith(other, subject, '/api/account/identities/oidc');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('OIDC_IDENTITY_IN_USE');
  });

  it('refuses a callback not begun by this browser, a changed state, and a replay, signing nobody in', async () => {
    const victim = new Browser(app);
    const path = await atProvider(new Browser(app), `attacker-${crypto.randomUUID()}`);
    // Login CSRF: the attacker's answer delivered to a victim's browser, which began no sign-in.
    const foreign = await victim.get(path);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toEqual({ error: { code: 'OIDC_STATE_MISMATCH', message: expect.any(String) } });
    expect(victim.cookie).toBeNull();

    const browser = new Browser(app);
    const own = await atProvider(browser, `person-${crypto.randomUUID()}`);
    const flow = browser.signInFlow;
    const tampered = own.replace(/state=[^&]+/, 'state=forged');
    const changed = await browser.get(tampered);
    expect(changed.statusCode).toBe(400);
    expect(changed.json().error.code).toBe('OIDC_STATE_MISMATCH');
    // The flow was spent by the refused attempt: the genuine answer no longer works either.
    browser.signInFlow = flow;
    expect((await browser.get(own)).json().error.code).toBe('OIDC_STATE_MISMATCH');
    expect((await browser.get('/api/auth/session')).json().user).toBeNull();
  });

  it('answers an expired sign-in and a refusal at the provider in our error shape', async () => {
    const slow = new Browser(app);
    const path = await atProvider(slow, `person-${crypto.randomUUID()}`);
    await database.db.query("UPDATE oidc_flows SET expires_at = now() - interval '1 second'");
    const expired = await slow.get(path);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('OIDC_EXPIRED');

    const cancelling = new Browser(app);
    const started = await cancelling.post('/api/auth/oidc/start');
    const back = await throughProvider(started.json().url, 'nobody', CALLBACK, 'cancel');
    expect(back.searchParams.get('error')).toBe('access_denied');
    const refused = await cancelling.get(`${back.pathname}${back.search}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('OIDC_PROVIDER_ERROR');
    expect((await cancelling.get('/api/auth/session')).json().user).toBeNull();
  });

  it('answers 404 to another user on the identity routes, and only an account may add an identity', async () => {
    const owner = new Browser(app);
    await createPasskey(owner, new SoftwareAuthenticator(TEST_PUBLIC_URL));
    await signInWith(owner, `person-${crypto.randomUUID()}`, '/api/account/identities/oidc');
    const [identity] = (await owner.get('/api/account/identities')).json().identities;

    const intruder = new Browser(app);
    await createPasskey(intruder, new SoftwareAuthenticator(TEST_PUBLIC_URL));
    await createPasskey(intruder, new SoftwareAuthenticator(TEST_PUBLIC_URL));
    expect((await intruder.get('/api/account/identities')).json().identities).toEqual([]);
    const removal = await intruder.delete(`/api/account/identities/${identity.id}`);
    expect(removal.statusCode).toBe(404);
    expect(removal.json().error.code).toBe('NOT_FOUND');
    expect(await count('oidc_identities WHERE id = $1', [identity.id])).toBe(1);

    const anonymous = new Browser(app);
    await anonymous.post('/api/links', { loginId: crypto.randomUUID() });
    const notAccount = await anonymous.post('/api/account/identities/oidc');
    expect(notAccount.statusCode).toBe(401);
    expect(notAccount.json().error.code).toBe('SIGN_IN_REQUIRED');

    // An attach begun by one account and finished in a browser signed in to another adds nothing.
    const started = await owner.post('/api/account/identities/oidc');
    const back = await throughProvider(started.json().url, `person-${crypto.randomUUID()}`, CALLBACK);
    const crossed = await intruder.withCookie(intruder.cookie).request({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { cookie: `${intruder.cookie}; ${owner.signInFlow}` },
    });
    expect(crossed.statusCode).toBe(401);
    expect((await intruder.get('/api/account/identities')).json().identities).toEqual([]);
    expect((await owner.get('/api/account/identities')).json().identities).toHaveLength(1);
  });

  it('is in the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/auth/oidc/start',
      '/api/auth/oidc/callback',
      '/api/account/identities',
      '/api/account/identities/oidc',
      '/api/account/identities/{id}',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
  });
});

describe('without single sign-on settings, or with a provider out of reach', () => {
  it('says so in our error shape: 404 when none is set, 503 when it cannot be reached', async () => {
    const database = await openTestDatabase('pglite');
    // A port nothing listens on: the provider's discovery fails.
    const closed = await startOidcProvider(CALLBACK);
    await closed.close();
    const app = await buildApp(
      testConfig({ OIDC_ISSUER: closed.issuer, OIDC_CLIENT_ID: 'passbook', OIDC_CLIENT_SECRET: 'secret' }),
      { database: database.db, runJobs: false },
    );
    try {
      const start = await new Browser(app).post('/api/auth/oidc/start');
      expect(start.statusCode).toBe(503);
      expect(start.json().error.code).toBe('OIDC_UNAVAILABLE');
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('offers none, and its routes answer 404', async () => {
    const database = await openTestDatabase('pglite');
    const app = await buildApp(testConfig(), { database: database.db, runJobs: false });
    try {
      const browser = new Browser(app);
      expect((await browser.get('/api/auth/session')).json().singleSignOn).toBeNull();
      const start = await browser.post('/api/auth/oidc/start');
      expect(start.statusCode).toBe(404);
      expect(start.json().error.code).toBe('NOT_FOUND');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
