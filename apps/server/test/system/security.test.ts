/**
 * Security, checked on the built artefacts: a full run over real HTTP against the built server (PGlite, logs at
 * trace level, behind an https public URL as in production) with link, refresh, MFA, errors, webhooks and the
 * OpenAPI document, then: no secret, x-api-key or LoginId in the built web assets, in any response, in the
 * server's logs or in a dump of its database; another user's ids answer 404 on every id-taking route;
 * cross-origin state changes are refused in our error shape; the CSP and the cookie are as intended.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorBody } from '@passbook/contracts';
import { TOOLBOX } from '@passbook/flinks-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/stack.ts';
import { createDataDir, type DataDir, dumpRows } from './support/database.ts';
import { answerSecurityQuestions } from './support/emulator.ts';
import { type Exchange, HttpUser, SESSION_COOKIE, setCookies } from './support/http.ts';
import {
  type Emulator,
  emulatorEnv,
  killAll,
  type Server,
  startEmulator,
  startServer,
  WEB_DIST,
} from './support/processes.ts';

const PUBLIC_URL = 'https://passbook.example';
const FOREIGN = 'https://evil.example';
const WEBHOOK_SECRET = 'security-run-webhook-secret-value';

/** Every file under `dir`, as text. */
function filesUnder(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, text: readFileSync(path, 'latin1') }];
  });
}

/** `default-src 'self'; frame-src a b` → {'default-src': ["'self'"], 'frame-src': ['a', 'b']}. */
function parseCsp(header: string | string[] | undefined): Record<string, string[]> {
  return Object.fromEntries(
    String(header ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

/** Which of the named secrets occur in `text` (case-insensitively: GUIDs travel in either case). */
function leaks(text: string, secrets: Record<string, string>): string[] {
  const haystack = text.toLowerCase();
  return Object.entries(secrets)
    .filter(([, secret]) => haystack.includes(secret.toLowerCase()))
    .map(([name]) => name);
}

describe('security of a full run', () => {
  let emulator: Emulator;
  let dataDir: DataDir;
  let server: Server;
  const transcript: Exchange[] = [];
  /** What must never be seen outside the server: name → value. */
  const secrets: Record<string, string> = {
    'Flinks secret key': TOOLBOX.secretKey,
    'x-api-key': TOOLBOX.apiKey,
    'webhook secret': WEBHOOK_SECRET,
  };
  const authorizeTokens: string[] = [];
  const owner = () => new HttpUser(() => server.url, PUBLIC_URL, transcript);
  let alice: HttpUser;
  let mallory: HttpUser;
  const ids = { link: '', mfaLink: '', mfaJob: '', account: '' };

  beforeAll(async () => {
    dataDir = createDataDir();
    emulator = await startEmulator({ SANDBOX_PROCESSING_MS: '100' });
    server = await startServer({
      DATA_DIR: dataDir.path,
      PUBLIC_URL,
      ...emulatorEnv(emulator),
      FLINKS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      FLINKS_POLL_INTERVAL_MS: '100',
      LOG_LEVEL: 'trace',
    });
    secrets['session secret'] = readFileSync(join(dataDir.path, 'session-secret'), 'utf8').trim();
    secrets['encryption key'] = readFileSync(join(dataDir.path, 'encryption-key'), 'utf8').trim();
    secrets['VAPID private key'] = JSON.parse(
      readFileSync(join(dataDir.path, 'vapid-keys'), 'utf8'),
    ).privateKey;
    alice = owner();
    mallory = owner();
  });

  afterAll(async () => {
    await killAll();
    dataDir?.remove();
  });

  async function newLogin(username: string): Promise<string> {
    const { loginId } = await emulator.control.createLogin(username);
    secrets[`LoginId of ${username} (${loginId.slice(0, 4)}…)`] = loginId;
    return loginId;
  }

  async function connectToken(user: HttpUser, body?: object): Promise<string> {
    const answer = await user.post('/api/connect/token', body);
    expect(answer.status).toBe(200);
    const { connectUrl } = answer.json();
    authorizeTokens.push(new URL(connectUrl).searchParams.get('authorizeToken') ?? '');
    return connectUrl;
  }

  it('runs every flow over HTTP: pages, OpenAPI, link, refresh, MFA, webhooks, failures, errors', async () => {
    for (const path of [
      '/',
      '/favicon.svg',
      '/api/health',
      '/api/openapi.json',
      '/api/docs/',
      '/connect/return',
    ]) {
      expect((await alice.get(path)).status, path).toBe(200);
    }
    for (const [, asset] of (await alice.get('/')).body.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
      expect((await alice.get(asset ?? '')).status, asset).toBe(200);
    }

    await connectToken(alice);
    // A device's push subscription lets anyone write to it: it never comes back out in clear.
    const device = {
      endpoint: `https://push.passbook.invalid/subscription/${crypto.randomUUID()}`,
      keys: { p256dh: randomBytes(65).toString('base64url'), auth: randomBytes(16).toString('base64url') },
    };
    secrets['push endpoint'] = device.endpoint;
    secrets['push key'] = device.keys.p256dh;
    secrets['push auth secret'] = device.keys.auth;
    expect(
      (
        await alice.request('PUT', '/api/notifications/subscription', {
          body: { subscription: device, language: 'en' },
        })
      ).status,
    ).toBe(204);
    await emulator.control.configure({
      webhook: { url: `${server.url}/api/webhooks/flinks`, secret: WEBHOOK_SECRET, maxAttempts: 1 },
    });
    const plain = await alice.link(await newLogin('greatday_nomfa'));
    expect((await alice.waitForJob(plain.jobId)).state).toBe('succeeded');
    // Its webhook, delivered whether before or after the poll's answer, is accepted.
    await eventually(async () => {
      const statuses = (await emulator.control.webhookDeliveries()).map((delivery) => delivery.status);
      return statuses.includes(200) ? statuses : undefined;
    }, 'the webhook to be delivered');
    ids.link = plain.linkId;
    const { link } = (await alice.get(`/api/links/${plain.linkId}`)).json();
    ids.account = link.accounts[0].id;
    for (const path of [
      '/api/links',
      `/api/accounts/${ids.account}/transactions?limit=5&q=payroll`,
      `/api/accounts/${ids.account}/transactions.csv`,
      `/api/accounts/${ids.account}/transactions.ofx`,
      `/api/accounts/${ids.account}/balances`,
    ]) {
      expect((await alice.get(path)).status, path).toBe(200);
    }
    const refresh = await alice.refresh(plain.linkId);
    expect((await alice.waitForJob(refresh)).state).toBe('succeeded');

    // A refresh whose bank asks security questions, answered in Connect, resumed by the REDIRECT.
    const mfaLogin = await newLogin('Greatday');
    const mfa = await alice.link(mfaLogin);
    expect((await alice.waitForJob(mfa.jobId)).state).toBe('succeeded');
    ids.mfaLink = mfa.linkId;
    ids.mfaJob = await alice.refresh(mfa.linkId);
    const waiting = await alice.waitForJob(ids.mfaJob, ['mfa_required', 'failed', 'succeeded']);
    expect(waiting.state).toBe('mfa_required');
    authorizeTokens.push(new URL(waiting.connectUrl ?? '').searchParams.get('authorizeToken') ?? '');

    // Failures a person can meet: a bank that disabled the login, a LoginId Flinks does not know.
    const disabled = await alice.link(await newLogin('test_disabled_account'));
    expect((await alice.waitForJob(disabled.jobId)).state).toBe('succeeded');
    expect((await alice.waitForJob(await alice.refresh(disabled.linkId))).error?.code).toBe('DISABLED_LOGIN');
    const unknownLogin = crypto.randomUUID();
    secrets['an unknown LoginId'] = unknownLogin;
    const unknown = await alice.link(unknownLogin);
    expect((await alice.waitForJob(unknown.jobId)).error?.code).toBe('LOGIN_UNKNOWN');
    expect((await alice.delete(`/api/links/${disabled.linkId}`)).status).toBe(204);

    // Requests that are wrong in every way the API names.
    const refused = [
      await alice.post('/api/links', { loginId: 'not-a-guid' }),
      await alice.post('/api/links', { loginId: crypto.randomUUID(), extra: true }),
      await alice.request('POST', '/api/links', {
        headers: { 'content-type': 'application/json' },
        rawBody: '{',
      }),
      await alice.get(`/api/links/${crypto.randomUUID()}`),
      await alice.get('/api/links/not-a-uuid'),
      await alice.get('/api/nothing-here'),
      await alice.post('/api/connect/token', { jobId: refresh }),
      await alice.post('/api/webhooks/flinks', { RequestId: crypto.randomUUID(), ResponseType: 'x' }),
    ];
    expect(refused.map((answer) => answer.status)).toEqual([400, 400, 400, 404, 400, 404, 409, 401]);
  });

  it('answers 404 in our shape to another user on every id-taking route, and changes nothing', async () => {
    expect((await mallory.post('/api/connect/token')).status).toBe(200);
    const attempts = [
      await mallory.get(`/api/links/${ids.link}`),
      await mallory.delete(`/api/links/${ids.link}`),
      await mallory.post(`/api/links/${ids.link}/refresh`),
      await mallory.get(`/api/jobs/${ids.mfaJob}`),
      await mallory.post('/api/connect/token', { jobId: ids.mfaJob }),
      await mallory.get(`/api/accounts/${ids.account}/transactions`),
      await mallory.get(`/api/accounts/${ids.account}/transactions.csv`),
      await mallory.get(`/api/accounts/${ids.account}/transactions.ofx`),
      await mallory.get(`/api/accounts/${ids.account}/balances`),
      await mallory.delete(`/api/links/${ids.mfaLink}`),
    ];
    for (const answer of attempts) {
      expect(answer.status, `${answer.method} ${answer.path}`).toBe(404);
      expect(ErrorBody.parse(answer.json()).error.code).toBe('NOT_FOUND');
    }
    expect((await mallory.get('/api/links')).json()).toEqual({ links: [] });
    expect((await alice.get(`/api/links/${ids.link}`)).status).toBe(200);
    expect((await alice.job(ids.mfaJob)).state).toBe('mfa_required');
  });

  it('refuses state changes named by another origin, by Origin or by Referer, in our error shape', async () => {
    const before = (await alice.get('/api/links')).json();
    const attempts = [
      await alice.post(`/api/links/${ids.link}/refresh`, undefined, { headers: { origin: FOREIGN } }),
      await alice.delete(`/api/links/${ids.link}`, { headers: { origin: FOREIGN } }),
      await alice.post('/api/connect/token', undefined, { headers: { origin: 'null' } }),
      await alice.post(
        '/api/links',
        { loginId: crypto.randomUUID() },
        { headers: { origin: 'http://passbook.example' } },
      ),
      await alice.post(`/api/links/${ids.link}/refresh`, undefined, {
        origin: false,
        headers: { referer: `${FOREIGN}/page` },
      }),
      await alice.delete(`/api/links/${ids.link}`, {
        origin: false,
        headers: { referer: `${FOREIGN}/page` },
      }),
      await alice.post('/api/links', { loginId: crypto.randomUUID() }, { origin: false }),
    ];
    for (const answer of attempts) {
      expect(answer.status, `${answer.method} ${answer.path}`).toBe(403);
      expect(ErrorBody.parse(answer.json()).error.code).toBe('FORBIDDEN_ORIGIN');
    }
    expect((await alice.get('/api/links')).json()).toEqual(before);
    expect(before.links.find((one: { id: string }) => one.id === ids.link)).toMatchObject({
      activeJob: null,
    });
  });

  it('finishes the security questions, then serves a strict CSP and a locked-down cookie everywhere', async () => {
    const connectUrl = await connectToken(alice, { jobId: ids.mfaJob });
    const mfaLogin =
      Object.entries(secrets).find(([name]) => name.startsWith('LoginId of Greatday'))?.[1] ?? '';
    await answerSecurityQuestions(emulator.url, connectUrl, mfaLogin);
    expect((await alice.link(mfaLogin)).jobId).toBe(ids.mfaJob);
    expect((await alice.waitForJob(ids.mfaJob)).state).toBe('succeeded');

    const connectOrigin = new URL(emulator.connectUrl).origin;
    const pages = transcript.filter((exchange) =>
      String(exchange.headers['content-type']).startsWith('text/html'),
    );
    expect(pages.length).toBeGreaterThan(1);
    for (const exchange of transcript) {
      const csp = parseCsp(exchange.headers['content-security-policy']);
      // The web app's pages and files carry a page's headers; the API's answers (but its documentation's) data's.
      const data = exchange.path.startsWith('/api/') && !exchange.path.startsWith('/api/docs');
      if (!data) {
        expect(csp['frame-src'], exchange.path).toEqual(["'self'", connectOrigin]);
        expect(csp['script-src'], exchange.path).toEqual(["'self'"]);
        expect(csp['object-src'], exchange.path).toEqual(["'none'"]);
        expect(csp['frame-ancestors'], exchange.path).toEqual(["'self'"]);
        expect(Object.keys(csp), exchange.path).toContain('upgrade-insecure-requests');
      } else {
        // Data, never rendered: it may load nothing and be framed by nobody.
        expect(csp, exchange.path).toEqual({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });
      }
      expect(exchange.headers['strict-transport-security'], exchange.path).toMatch(/max-age=\d+/);
    }
    // Our pages run no inline script (the CSP would block it): every script is a file of ours.
    for (const page of pages) {
      for (const [tag] of page.body.matchAll(/<script\b[^>]*>/g))
        expect(tag, page.path).toMatch(/\bsrc="[^"]+"/);
    }

    const cookies = transcript.flatMap((exchange) => setCookies(exchange.headers));
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
      expect(pair?.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
      expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']));
    }
  });

  it('keeps secrets and LoginIds out of the web assets, every response, the logs and the database', async () => {
    expect(Object.keys(secrets).filter((name) => name.startsWith('LoginId')).length).toBe(3);
    for (const file of filesUnder(WEB_DIST)) expect(leaks(file.text, secrets), file.path).toEqual([]);

    for (const exchange of transcript) {
      const seen = `${JSON.stringify(exchange.headers)}\n${exchange.body}`;
      expect(leaks(seen, secrets), `${exchange.method} ${exchange.path}`).toEqual([]);
      if (exchange.status >= 400 && exchange.path.startsWith('/api/')) {
        expect(ErrorBody.safeParse(JSON.parse(exchange.body)).success, exchange.path).toBe(true);
      }
    }

    expect(await server.process.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    const logs = server.process.output();
    const lines = server.process.logLines();
    expect(lines.some((line) => Number(line.level) <= 20)).toBe(true);
    expect(logs).toContain(ids.mfaJob);
    const sessions = [alice.cookie, mallory.cookie].map((cookie) =>
      decodeURIComponent(cookie?.split('=')[1] ?? ''),
    );
    const tokens = Object.fromEntries(
      authorizeTokens.map((token, index) => [`authorize token ${index}`, token]),
    );
    const cookieValues = Object.fromEntries(
      sessions.map((value, index) => [`session cookie ${index}`, value]),
    );
    expect(authorizeTokens.filter(Boolean).length).toBeGreaterThan(2);
    expect(leaks(logs, { ...secrets, ...tokens, ...cookieValues })).toEqual([]);

    const db = await dataDir.open();
    try {
      const dump = await dumpRows(db);
      expect(dump).toContain(ids.link);
      const withoutDashes = Object.fromEntries(
        Object.entries(secrets).map(([name, value]) => [`${name} without dashes`, value.replaceAll('-', '')]),
      );
      // Nor the account holders Flinks names in every answer (the emulator's test users' holders).
      const holders = { 'holder John Doe': 'John Doe', 'holder Boulangerie Doe': 'Boulangerie Doe' };
      expect(leaks(dump, { ...secrets, ...withoutDashes, ...holders })).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
