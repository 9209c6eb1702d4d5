/**
 * Sessions are rows, kept in memory by each instance until the database notifies a change: a sign-out is
 * refused at once by the instance that made it and by another on the same database as soon as it hears, an idle
 * or expired session is over, "sign out everywhere else" keeps only the current one, the audit trail records
 * each event without a secret, and with anonymous use off a stranger gets nothing but the way to sign in.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { hashToken } from '../../src/auth/tokens.ts';
import { createPasskey, SoftwareAuthenticator, signInWithPasskey } from '../helpers/authenticator.ts';
import { Browser } from '../helpers/browser.ts';
import { TEST_PUBLIC_URL, testConfig } from '../helpers/config.ts';
import { ENGINES } from '../helpers/database.ts';
import { useApp } from '../helpers/suite.ts';

const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

class DeviceBrowser extends Browser {
  constructor(
    app: FastifyInstance,
    private readonly userAgent: string,
  ) {
    super(app);
  }
  override request(options: Parameters<Browser['request']>[0]) {
    return super.request({ ...options, headers: { 'user-agent': this.userAgent, ...options.headers } });
  }
}

describe.each(ENGINES)('sessions on %s', (engine) => {
  const suite = useApp(engine);

  async function account() {
    const laptop = new DeviceBrowser(suite.app, CHROME);
    const authenticator = new SoftwareAuthenticator(TEST_PUBLIC_URL);
    await laptop.post('/api/links', { loginId: crypto.randomUUID() });
    await createPasskey(laptop, authenticator);
    const phone = new DeviceBrowser(suite.app, IPHONE);
    await signInWithPasskey(phone, authenticator.copy());
    return { laptop, phone, authenticator };
  }

  it('lists the sessions with device, browser and last seen, and signs out everywhere else', async () => {
    const { laptop, phone } = await account();
    const sessions = (await phone.get('/api/account/sessions')).json().sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ current: true, device: { browser: 'Safari', os: 'iOS', type: 'mobile' } }),
        expect.objectContaining({
          current: false,
          device: { browser: 'Chrome', os: 'Linux', type: 'desktop' },
        }),
      ]),
    );
    expect(sessions[0].lastSeenAt).toEqual(expect.any(String));

    const ended = await phone.post('/api/account/sessions/sign-out-others');
    expect(ended.json()).toEqual({ ended: 1 });
    expect((await laptop.get('/api/auth/session')).json().user).toBeNull();
    expect((await laptop.get('/api/links')).json()).toEqual({ links: [] });
    expect((await phone.get('/api/links')).json().links).toHaveLength(1);
  });

  it('ends one chosen session, and signing out ends one’s own', async () => {
    const { laptop, phone } = await account();
    const other = (await phone.get('/api/account/sessions'))
      .json()
      .sessions.find((session: { current: boolean }) => !session.current);
    expect((await phone.delete(`/api/account/sessions/${other.id}`)).statusCode).toBe(204);
    expect((await laptop.get('/api/auth/session')).json().user).toBeNull();

    const cookie = phone.cookie;
    expect((await phone.post('/api/auth/sign-out')).statusCode).toBe(204);
    expect((await new Browser(suite.app).withCookie(cookie).get('/api/auth/session')).json().user).toBeNull();
  });

  it('is over once idle too long or past its absolute lifetime', async () => {
    const { laptop, phone } = await account();
    const token = (browser: Browser) => (browser.cookie ?? '').split('=')[1] ?? '';
    await suite.database.db.query(
      "UPDATE sessions SET last_seen_at = now() - interval '91 days' WHERE token_hash = $1",
      [hashToken(token(laptop))],
    );
    await suite.database.db.query(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
      [hashToken(token(phone))],
    );
    expect((await laptop.get('/api/auth/session')).json().user).toBeNull();
    expect((await phone.get('/api/auth/session')).json().user).toBeNull();
  });

  it('keeps only a hash of the token, and records each event for the person without a secret', async () => {
    const { laptop, phone } = await account();
    const token = (phone.cookie ?? '').split('=')[1] ?? '';
    const { rows } = await suite.database.db.query('SELECT * FROM sessions');
    expect(JSON.stringify(rows)).not.toContain(token);

    await phone.post('/api/account/sessions/sign-out-others');
    const events = (await phone.get('/api/account/audit')).json().events;
    expect(events.map((event: { event: string }) => event.event)).toEqual([
      'signed_out_everywhere_else',
      'signed_in',
      'passkey_added',
      'account_created',
    ]);
    expect(events[1].device).toEqual({ browser: 'Safari', os: 'iOS', type: 'mobile' });
    const audit = await suite.database.db.query('SELECT * FROM audit_events');
    expect(JSON.stringify(audit.rows)).not.toContain(token);
    expect(JSON.stringify(audit.rows)).not.toContain((laptop.cookie ?? '').split('=')[1] ?? 'none');
  });

  // On PostgreSQL, two connection pools as two processes would hold; on PGlite, two apps on one database.
  it('a session ended on one instance is refused by another on the same database once it hears of it', async () => {
    const second = await buildApp(testConfig(), { database: await suite.database.reopen(), runJobs: false });
    try {
      const { laptop, phone } = await account();
      expect((await laptop.get('/api/links')).json().links).toHaveLength(1);
      expect(suite.app.auth.cache.size).toBeGreaterThan(0);
      const laptopOnSecond = new Browser(second).withCookie(laptop.cookie);
      expect((await laptopOnSecond.get('/api/links')).json().links).toHaveLength(1);
      const phoneOnSecond = new Browser(second).withCookie(phone.cookie);
      expect((await phoneOnSecond.post('/api/account/sessions/sign-out-others')).json()).toEqual({
        ended: 1,
      });
      expect((await laptopOnSecond.get('/api/auth/session')).json().user).toBeNull();
      await vi.waitFor(async () => expect((await laptop.get('/api/links')).json()).toEqual({ links: [] }));
      expect((await laptop.get('/api/auth/session')).json().user).toBeNull();
    } finally {
      await second.close();
    }
  });

  it('serves a session from memory, and refuses it once the database loses it, whoever deleted it', async () => {
    const { laptop } = await account();
    expect((await laptop.get('/api/auth/session')).json().user).not.toBeNull();
    const kept = suite.app.auth.cache.size;
    expect(kept).toBeGreaterThan(0);
    const token = (laptop.cookie ?? '').split('=')[1] ?? '';
    await suite.database.db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
    await vi.waitFor(() => expect(suite.app.auth.cache.size).toBe(kept - 1));
    expect((await laptop.get('/api/auth/session')).json().user).toBeNull();
  });

  it('with anonymous use off, serves a stranger nothing but signing in, and an account everything', async () => {
    const closed = await buildApp(testConfig({ ANONYMOUS_USE: 'false' }), {
      database: suite.database.db,
      runJobs: false,
    });
    try {
      const stranger = new Browser(closed);
      const refused = await stranger.post('/api/links', { loginId: crypto.randomUUID() });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('SIGN_IN_REQUIRED');
      expect((await stranger.get('/api/links')).statusCode).toBe(401);
      expect(stranger.cookie).toBeNull();
      expect((await stranger.get('/api/auth/session')).json()).toEqual({
        user: null,
        anonymousUse: false,
        singleSignOn: null,
      });

      const created = await createPasskey(stranger, new SoftwareAuthenticator(TEST_PUBLIC_URL));
      expect(created.json().user).toMatchObject({ account: true, passkeys: 1 });
      expect((await stranger.post('/api/links', { loginId: crypto.randomUUID() })).statusCode).toBe(202);
      expect((await stranger.get('/api/links')).json().links).toHaveLength(1);
    } finally {
      await closed.close();
    }
  });
});
