/**
 * The HTTP surface every route shares: one error shape (for Fastify's own errors too), CSRF refusal, security
 * headers and cookie flags, rate limits, body limits, the OpenAPI document, health, static files and logs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AppOverrides, buildApp } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { KeyMismatchError } from '../src/plugins/database.ts';
import { Browser } from './helpers/browser.ts';
import { TEST_PUBLIC_URL, testConfig } from './helpers/config.ts';
import { openTestDatabase, type TestDatabase } from './helpers/database.ts';

const LOGIN_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

let database: TestDatabase;
const apps: FastifyInstance[] = [];

async function app(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<FastifyInstance> {
  const built = await buildApp(testConfig(env), { database: database.db, runJobs: false, ...overrides });
  apps.push(built);
  return built;
}

function expectErrorShape(body: string, code: string) {
  const parsed = JSON.parse(body);
  expect(parsed).toEqual({ error: { code, message: expect.any(String) } });
  expect(parsed.error.message.length).toBeGreaterThan(0);
}

beforeAll(async () => {
  database = await openTestDatabase('pglite');
});

afterAll(async () => {
  for (const built of apps) await built.close();
  await database.close();
});

describe('startup', () => {
  it('applies migrations once: a second start finds nothing to apply', async () => {
    expect(await migrate(database.db)).toEqual([]);
    const { rows } = await database.db.query<{ id: string }>('SELECT id FROM schema_migrations');
    expect(rows.map((row) => row.id)).toEqual(migrations.map((migration) => migration.id));
  });

  it('never gives up on a slow first start: a database that takes minutes to open still starts', async () => {
    // Fastify abandons a plugin after `pluginTimeout` on its own clock; the database answering its first
    // statement only once that clock is minutes past must still yield a started app.
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    const slow: Database = {
      ...database.db,
      query: async (text, params) => {
        await opened;
        return database.db.query(text, params);
      },
      transaction: async (work) => {
        await opened;
        return database.db.transaction(work);
      },
    };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const starting = app({}, { database: slow }).then((built) => built.ready());
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      open();
      vi.useRealTimers();
      await expect(starting).resolves.toBeDefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses to start with an encryption key other than the one the database was written with', async () => {
    await app();
    await expect(
      buildApp(testConfig({ ENCRYPTION_KEY: 'ab'.repeat(32) }), { database: database.db, runJobs: false }),
    ).rejects.toBeInstanceOf(KeyMismatchError);
  });
});

describe('error shape', () => {
  let server: FastifyInstance;
  beforeAll(async () => {
    server = await app();
  });

  it('answers an unknown API route with 404 NOT_FOUND in our shape', async () => {
    for (const [method, url] of [
      ['GET', '/api/nothing'],
      ['POST', '/api/nothing'],
      ['PATCH', '/api/links'],
    ] as const) {
      const response = await new Browser(server).request({ method, url });
      expect(response.statusCode).toBe(404);
      expectErrorShape(response.body, 'NOT_FOUND');
    }
  });

  it('refuses invalid JSON, an empty JSON body and a text/plain body in our shape', async () => {
    const browser = new Browser(server);
    const invalid = await browser.request({
      method: 'POST',
      url: '/api/links',
      headers: { 'content-type': 'application/json' },
      payload: '{"loginId": ',
    });
    expect(invalid.statusCode).toBe(400);
    expectErrorShape(invalid.body, 'INVALID_JSON');

    const empty = await browser.request({
      method: 'POST',
      url: '/api/links',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expectErrorShape(empty.body, 'INVALID_JSON');

    const text = await browser.request({
      method: 'POST',
      url: '/api/links',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ loginId: LOGIN_ID }),
    });
    expect(text.statusCode).toBe(415);
    expectErrorShape(text.body, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a body over 64 KB with 413 before parsing it', async () => {
    const response = await new Browser(server).request({
      method: 'POST',
      url: '/api/links',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ loginId: LOGIN_ID, padding: 'x'.repeat(70_000) }),
    });
    expect(response.statusCode).toBe(413);
    expectErrorShape(response.body, 'PAYLOAD_TOO_LARGE');
  });

  it('names the invalid field without echoing values, and refuses unknown fields', async () => {
    const browser = new Browser(server);
    const invalid = await browser.post('/api/links', { loginId: 'not-a-guid' });
    expect(invalid.statusCode).toBe(400);
    expectErrorShape(invalid.body, 'VALIDATION_FAILED');
    expect(invalid.json().error.message).toContain('body.loginId');
    expect(invalid.body).not.toContain('not-a-guid');

    const extra = await browser.post('/api/links', { loginId: LOGIN_ID, admin: true });
    expect(extra.statusCode).toBe(400);
    expectErrorShape(extra.body, 'VALIDATION_FAILED');

    const badParam = await browser.get('/api/jobs/42');
    expect(badParam.statusCode).toBe(400);
    expectErrorShape(badParam.body, 'VALIDATION_FAILED');
  });

  it('hides the cause of a 500', async () => {
    const failing: Database = {
      dialect: 'pglite',
      query: async (text, params) => {
        if (text.includes('FROM links WHERE user_id')) throw new Error('relation "secret_table" is on fire');
        return database.db.query(text, params);
      },
      transaction: (work) => database.db.transaction(work),
      perform: (procedure, input) => database.db.perform(procedure, input),
      listen: (channel, handlers) => database.db.listen(channel, handlers),
      close: async () => undefined,
    };
    const broken = await app({}, { database: failing });
    const browser = new Browser(broken);
    await browser.post('/api/links', { loginId: crypto.randomUUID() });
    const response = await browser.get('/api/links');
    expect(response.statusCode).toBe(500);
    expectErrorShape(response.body, 'INTERNAL');
    expect(response.body).not.toContain('secret_table');
  });
});

describe('HTTP parser errors', () => {
  /** Writes `raw` to the app's socket as it is, and returns what comes back before the socket closes. */
  async function exchange(server: FastifyInstance, raw: string): Promise<string> {
    const { port } = server.server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(raw));
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString('utf8');
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(answer));
    });
  }

  it('answers what the HTTP parser refuses in our error shape, with its status', async () => {
    const server = await app();
    await server.listen({ port: 0, host: '127.0.0.1' });
    const cases: Array<[string, string, number]> = [
      ['a NUL in a header', 'GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n', 400],
      ['bare LF line endings', 'GET /api/health HTTP/1.1\nHost: x\n\n', 400],
      ['an unknown method', 'BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n', 400],
      [
        'both Content-Length and Transfer-Encoding',
        'POST /api/links HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        400,
      ],
      [
        'headers over 16 KB',
        `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        431,
      ],
      ['no Host', 'GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n', 400],
    ];
    for (const [what, raw, status] of cases) {
      const answer = await exchange(server, raw);
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head.split('\r\n')[0], what).toBe(`HTTP/1.1 ${status} ${STATUS_CODES[status]}`);
      expect(head.toLowerCase(), what).toContain('content-type: application/json');
      expect(JSON.parse(body), what).toEqual({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
  });
});

describe('CSRF', () => {
  let server: FastifyInstance;
  beforeAll(async () => {
    server = await app();
  });

  it('refuses a state change whose Origin is another site, or null', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://passbook.test:8080']) {
      const response = await new Browser(server, origin).post('/api/links', { loginId: LOGIN_ID });
      expect(response.statusCode, origin).toBe(403);
      expectErrorShape(response.body, 'FORBIDDEN_ORIGIN');
    }
  });

  it('falls back to the Referer when there is no Origin', async () => {
    const browser = new Browser(server, null);
    const foreign = await browser.request({
      method: 'POST',
      url: '/api/links',
      headers: { referer: 'https://evil.example/page' },
      payload: { loginId: LOGIN_ID },
    });
    expect(foreign.statusCode).toBe(403);
    const own = await browser.request({
      method: 'POST',
      url: '/api/links',
      headers: { referer: `${TEST_PUBLIC_URL}/dashboard` },
      payload: { loginId: crypto.randomUUID() },
    });
    expect(own.statusCode).toBe(202);
  });

  it('refuses a session-bearing state change that names no origin at all', async () => {
    const browser = new Browser(server);
    expect((await browser.post('/api/links', { loginId: crypto.randomUUID() })).statusCode).toBe(202);
    const response = await server.inject({
      method: 'POST',
      url: '/api/links',
      headers: { cookie: browser.cookie ?? '' },
      payload: { loginId: crypto.randomUUID() },
    });
    expect(response.statusCode).toBe(403);
    expectErrorShape(response.body, 'FORBIDDEN_ORIGIN');
  });

  it('lets a script without a session start one without an Origin, and reads through', async () => {
    const response = await new Browser(server, null).post('/api/links', { loginId: crypto.randomUUID() });
    expect(response.statusCode).toBe(202);
    const read = await new Browser(server, 'https://evil.example').get('/api/links');
    expect(read.statusCode).toBe(200);
  });

  it('refuses a foreign state change however its URL is spelled: encoded, doubled slashes, case, dots', async () => {
    const owner = new Browser(server);
    const created = await owner.post('/api/links', { loginId: crypto.randomUUID() });
    expect(created.statusCode).toBe(202);
    const linkId = created.json().link.id as string;
    const evil = new Browser(server, 'https://evil.example').withCookie(owner.cookie);
    for (const [method, url] of [
      ['POST', `/%61pi/links/${linkId}/refresh`],
      ['POST', `/api/links/${linkId}/%72efresh`],
      ['DELETE', `/%61pi/links/${linkId}`],
      ['DELETE', `//api/links/${linkId}`],
      ['DELETE', `/API/links/${linkId}`],
      ['DELETE', `/api./links/${linkId}`],
      ['PUT', `/api/links/${linkId}`],
      ['PATCH', `/api/links/${linkId}`],
    ] as const) {
      const response = await evil.request({ method, url });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expectErrorShape(response.body, 'FORBIDDEN_ORIGIN');
    }
    expect((await owner.get(`/api/links/${linkId}`)).statusCode).toBe(200);
  });

  it('checks every state-changing route, but not the signed webhook', async () => {
    const evil = new Browser(server, 'https://evil.example');
    const id = crypto.randomUUID();
    for (const [method, url] of [
      ['POST', '/api/connect/token'],
      ['POST', `/api/links/${id}/refresh`],
      ['DELETE', `/api/links/${id}`],
    ] as const) {
      const response = await evil.request({ method, url });
      expect(response.statusCode, url).toBe(403);
    }
    const webhook = await evil.request({ method: 'POST', url: '/api/webhooks/flinks', payload: {} });
    expect(webhook.statusCode).toBe(404);
  });
});

describe('headers and cookies', () => {
  it('sends a strict CSP that frames only ourselves and Connect', async () => {
    const server = await app({
      FLINKS_API_URL: 'https://toolbox-api.private.fin.ag',
      FLINKS_CONNECT_URL: 'https://toolbox-iframe.private.fin.ag/v2/',
    });
    // A page's address (the web app answers it, or a 404 where no build is served): a page's headers.
    const response = await server.inject('/accounts/any');
    const csp = String(response.headers['content-security-policy']);
    const directives = Object.fromEntries(
      csp.split(';').map((directive) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives['default-src']).toBe("'self'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['frame-src']).toBe("'self' https://toolbox-iframe.private.fin.ag");
    expect(directives['frame-ancestors']).toBe("'self'");
    expect(directives['object-src']).toBe("'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers data with headers that let it load nothing and be framed by nobody, and no page-only ones', async () => {
    const server = await app({ PUBLIC_URL: 'https://passbook.example' });
    const browser = new Browser(server, 'https://passbook.example');
    const answers = [
      await server.inject('/api/health'),
      await browser.get('/api/links'),
      await browser.post('/api/links', { loginId: '' }),
      await server.inject('/api/nothing-here'),
      // Refused by the origin check, in the hook that sets these headers.
      await server.inject({
        method: 'POST',
        url: '/api/links',
        headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' },
        payload: '{}',
      }),
    ];
    for (const response of answers) {
      const where = `${response.statusCode} ${response.body.slice(0, 60)}`;
      expect(response.headers['content-security-policy'], where).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(response.headers['x-frame-options'], where).toBe('DENY');
      expect(response.headers['x-content-type-options'], where).toBe('nosniff');
      expect(response.headers['referrer-policy'], where).toBe('no-referrer');
      expect(response.headers['cross-origin-resource-policy'], where).toBe('same-origin');
      expect(response.headers['strict-transport-security'], where).toContain('max-age=');
      for (const pageOnly of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-xss-protection']) {
        expect(response.headers[pageOnly], `${where} ${pageOnly}`).toBeUndefined();
      }
    }
    // A page's address keeps a page's whole set.
    const page = await server.inject('/accounts/any');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('issues an httpOnly, SameSite=Lax session cookie, Secure and with HSTS under https', async () => {
    const plain = await new Browser(await app()).post('/api/links', { loginId: crypto.randomUUID() });
    const cookie = plain.cookies.find((item) => item.name === 'passbook_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();

    const secure = await app({ PUBLIC_URL: 'https://passbook.example' });
    const response = await new Browser(secure, 'https://passbook.example').post('/api/links', {
      loginId: crypto.randomUUID(),
    });
    expect(response.statusCode).toBe(202);
    expect(response.cookies.find((item) => item.name === 'passbook_session')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    });
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });

  it('ignores a tampered or forged session cookie: the request acts for nobody', async () => {
    const server = await app();
    const owner = new Browser(server);
    await owner.post('/api/links', { loginId: crypto.randomUUID() });
    const [name, token = ''] = (owner.cookie ?? '').split('=');
    const userId = await owner.userId();
    const forger = new Browser(server);
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const value of [flipped, userId, `${userId}.forgedsignature`]) {
      forger.cookie = `${name}=${value}`;
      expect((await forger.get('/api/links')).json()).toEqual({ links: [] });
    }
    expect((await owner.get('/api/links')).json().links).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED in our shape past the limit, per user', async () => {
    const server = await app({ RATE_LIMIT_MAX: '2' });
    const browser = new Browser(server);
    // The first request has no session yet (counted for the IP); the next ones count for the user.
    expect((await browser.post('/api/links', { loginId: crypto.randomUUID() })).statusCode).toBe(202);
    expect((await browser.post('/api/links', { loginId: crypto.randomUUID() })).statusCode).toBe(202);
    expect((await browser.post('/api/links', { loginId: crypto.randomUUID() })).statusCode).toBe(202);
    const limited = await browser.post('/api/links', { loginId: crypto.randomUUID() });
    expect(limited.statusCode).toBe(429);
    expectErrorShape(limited.body, 'RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();

    const other = new Browser(server);
    expect((await other.post('/api/links', { loginId: crypto.randomUUID() })).statusCode).toBe(202);
    expect((await browser.get('/api/links')).statusCode).toBe(200);
  });

  it('limits the personal-data export, which reads and decrypts everything the person holds', async () => {
    const server = await app({ RATE_LIMIT_MAX: '2' });
    const browser = new Browser(server);
    await browser.post('/api/links', { loginId: crypto.randomUUID() });
    expect((await browser.get('/api/account/export')).statusCode).toBe(200);
    expect((await browser.get('/api/account/export')).statusCode).toBe(200);
    const limited = await browser.get('/api/account/export');
    expect(limited.statusCode).toBe(429);
    expectErrorShape(limited.body, 'RATE_LIMITED');
  });
});

describe('OpenAPI', () => {
  it('documents every API route, with the contracts’ schemas', async () => {
    const server = await app();
    const document = (await server.inject('/api/openapi.json')).json();
    const operations = Object.entries(document.paths as Record<string, object>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /api/health',
        'POST /api/connect/token',
        'POST /api/links',
        'GET /api/links',
        'GET /api/links/{id}',
        'PATCH /api/links/{id}',
        'DELETE /api/links/{id}',
        'POST /api/links/{id}/refresh',
        'GET /api/jobs/{id}',
        'GET /api/events',
        'GET /api/accounts/{id}/transactions',
        'GET /api/transactions',
        'GET /api/accounts/{id}/transactions.csv',
        'GET /api/accounts/{id}/transactions.ofx',
        'GET /api/accounts/{id}/balances',
        'GET /api/accounts/{id}/statements',
        'GET /api/accounts/{id}/statements/{statementId}',
        'GET /api/net-worth',
        'POST /api/webhooks/flinks',
        'GET /api/auth/session',
        'POST /api/auth/passkeys/registration/options',
        'POST /api/auth/passkeys/registration',
        'POST /api/auth/passkeys/sign-in/options',
        'POST /api/auth/passkeys/sign-in',
        'POST /api/auth/sign-out',
        'POST /api/auth/oidc/start',
        'GET /api/auth/oidc/callback',
        'GET /api/account/identities',
        'POST /api/account/identities/oidc',
        'DELETE /api/account/identities/{id}',
        'GET /api/account/sessions',
        'DELETE /api/account/sessions/{id}',
        'POST /api/account/sessions/sign-out-others',
        'GET /api/account/passkeys',
        'PATCH /api/account/passkeys/{id}',
        'DELETE /api/account/passkeys/{id}',
        'GET /api/account/audit',
        'GET /api/account/export',
        'POST /api/account/delete',
        'GET /api/consents',
        'PATCH /api/transactions/{id}',
        'GET /api/category-rules',
        'POST /api/category-rules',
        'DELETE /api/category-rules/{id}',
        'GET /api/spending',
        'GET /api/spending/transactions',
        'GET /api/recurring',
        'PUT /api/recurring/{id}',
        'GET /api/notifications',
        'PUT /api/notifications/settings',
        'PUT /api/notifications/subscription',
        'DELETE /api/notifications/subscription',
      ].sort(),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['Job', 'Link', 'Account', 'Transaction', 'Error']),
    );
  });

  it('serves a browsable page whose assets are all local', async () => {
    const server = await app();
    const page = await server.inject('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    // Swagger UI's inline styles are allowed on its own pages, and nothing else is relaxed.
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self';");
    expect((await server.inject('/api/links')).headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).not.toMatch(/^(https?:)?\/\//);
    const initializer = await server.inject('/api/docs/static/swagger-initializer.js');
    expect(initializer.statusCode).toBe(200);
    // The spec comes from this server, and nothing is sent to swagger.io's validator.
    expect(initializer.body).toContain("url: resolveUrl('./json')");
    expect(initializer.body).toContain('validatorUrl: null');
  });
});

describe('health', () => {
  it('reports the database, and 503 in our shape when it is unreachable', async () => {
    expect((await (await app()).inject('/api/health')).json()).toEqual({ status: 'ok', database: 'ok' });
    const unreachable: Database = {
      ...database.db,
      query: async (text, params) => {
        if (text === 'SELECT 1') throw new Error('connection refused');
        return database.db.query(text, params);
      },
    };
    const response = await (await app({}, { database: unreachable })).inject('/api/health');
    expect(response.statusCode).toBe(503);
    expectErrorShape(response.body, 'DATABASE_UNAVAILABLE');
  });
});

describe('the web app', () => {
  it('serves the build, with index.html for client routes and JSON 404s under /api', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passbook-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Passbook</title>');
    const server = await app({ WEB_DIST_DIR: dir });
    const root = await server.inject('/');
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('<title>Passbook</title>');
    const landing = await server.inject('/connect/return?loginId=x&institution=y');
    expect(landing.statusCode).toBe(200);
    expect(landing.headers['content-type']).toContain('text/html');
    expect(landing.headers['cache-control']).toBe('no-cache');
    const api = await server.inject('/api/unknown');
    expect(api.statusCode).toBe(404);
    expectErrorShape(api.body, 'NOT_FOUND');
  });

  it('runs the API alone when the build is missing, saying so in the log', async () => {
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk) => lines.push(String(chunk)));
    const server = await app({ WEB_DIST_DIR: '/nonexistent/web', LOG_LEVEL: 'warn' }, { logStream: stream });
    await server.ready();
    expect(lines.join('')).toContain('web app build not found');
    const page = await server.inject('/dashboard');
    expect(page.statusCode).toBe(404);
    expectErrorShape(page.body, 'NOT_FOUND');
  });
});

describe('logs', () => {
  it('never carry query values (Connect’s landing page receives the LoginId there) or cookies', async () => {
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk) => lines.push(String(chunk)));
    const server = await app({ LOG_LEVEL: 'debug' }, { logStream: stream });
    const browser = new Browser(server);
    await browser.post('/api/links', { loginId: LOGIN_ID });
    await browser.get(`/connect/return?loginId=${LOGIN_ID}&institution=FlinksCapital`);
    await browser.get(`/api/links?loginId=${LOGIN_ID}`);
    const log = lines.join('');
    expect(log).toContain('/connect/return?loginId=~&institution=~');
    expect(log).not.toContain(LOGIN_ID);
    expect(log).not.toContain(browser.cookie?.split('=')[1] ?? 'no cookie');
  });

  it('censor a credential however deep it sits in a logged object, an error or a logger’s bindings', async () => {
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk) => lines.push(String(chunk)));
    const server = await app({ LOG_LEVEL: 'info' }, { logStream: stream });
    const error = Object.assign(new Error('Authorize failed'), { request: { body: { LoginId: LOGIN_ID } } });
    const logged = { job: { attempts: [{ authorize: { loginId: LOGIN_ID, secretKey: 'sk-1' } }] } };
    const frozen = Object.freeze({ request: Object.freeze({ token: 'tok-2' }) });
    server.log.info(logged, 'nested');
    server.log.error({ err: error }, 'failed');
    server.log.child({ token: 'tok-1' }).info('child');
    server.log.info({ frozen }, 'frozen');
    server.log.info({ secretKey: 'sk-top' }, 'top');
    await new Promise((resolve) => setImmediate(resolve));
    const entries = lines.map((line) => JSON.parse(line));
    const [nested, failed, child, ice, top] = ['nested', 'failed', 'child', 'frozen', 'top'].map((msg) =>
      entries.find((entry) => entry.msg === msg),
    );
    expect(nested.job.attempts[0].authorize).toEqual({ loginId: '[redacted]', secretKey: '[redacted]' });
    expect(failed.err).toMatchObject({ type: 'Error', message: 'Authorize failed' });
    expect(failed.err.request.body.LoginId).toBe('[redacted]');
    expect(child.token).toBe('[redacted]');
    expect(ice.frozen.request.token).toBe('[redacted]');
    expect(top.secretKey).toBe('[redacted]');
    // What was logged is left as it was.
    expect(logged.job.attempts[0]?.authorize.loginId).toBe(LOGIN_ID);
    expect(error.request.body.LoginId).toBe(LOGIN_ID);
  });
});
