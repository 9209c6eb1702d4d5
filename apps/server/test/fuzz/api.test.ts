/**
 * Bad input at every route of the API, generated: bodies, ids, query strings, headers and cookies (see
 * hostile.ts). Whatever arrives, the app answers — never a 5xx, never a crash or an unhandled rejection,
 * every refusal in our `{error: {code, message}}` shape — and input that is bad by construction is refused
 * with a 4xx. Oversized and deeply nested bodies are refused without being parsed or read to the end.
 *
 * One app on one in-memory PGlite for the whole file; an in-process emulator answers the few Flinks calls
 * (a Connect token), so that an upstream failure can never pass for ours.
 */
import { createHmac } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { WEBHOOK_SIGNATURE_HEADERS } from '@passbook/flinks';
import type { Sandbox } from '@passbook/flinks-sandbox';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeAccountsDetail } from '../../src/accounts/store.ts';
import { BODY_LIMIT, buildApp } from '../../src/app.ts';
import { SESSION_COOKIE } from '../../src/plugins/identity.ts';
import { CSRF_EXEMPT } from '../../src/plugins/security.ts';
import { Browser } from '../helpers/browser.ts';
import { TEST_PUBLIC_URL, testConfig } from '../helpers/config.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { accountsDetail } from '../helpers/flinks-data.ts';
import { sandboxEnv, startSandbox } from '../helpers/stack.ts';
import {
  anyRequest,
  badRequests,
  type HostileRequest,
  type OpenApiDocument,
  type Route,
  routesOf,
  type Target,
} from './hostile.ts';

const WEBHOOK_SECRET = 'fuzz-webhook-secret-long-enough';

let database: TestDatabase;
let sandbox: Sandbox;
let app: FastifyInstance;
let routes: Route[];
let target: Target;
let owner: Browser;
let ownerId: string;
let accountId: string;

/** What the app logged at level error or above: a swallowed failure shows here even when the answer is fine. */
const errorLogs: string[] = [];
/** Unhandled rejections and uncaught exceptions while the file runs. */
const crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);

beforeAll(async () => {
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  database = await openTestDatabase('pglite');
  sandbox = await startSandbox();
  const logs = new PassThrough();
  logs.on('data', (chunk) => errorLogs.push(String(chunk)));
  app = await buildApp(
    testConfig({
      ...sandboxEnv(sandbox),
      FLINKS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      RATE_LIMIT_MAX: '1000000',
      LOG_LEVEL: 'error',
      // A removal asks DeleteCard again while Flinks says the card is busy, for at most 30 poll intervals.
      FLINKS_POLL_INTERVAL_MS: '10',
    }),
    { database: database.db, runJobs: false, logStream: logs },
  );
  await app.ready();

  // The owner's data, so that requests carrying the owner's session and ids reach the database. Flinks keeps
  // answering DeleteCard with CARD_IN_USE, so the fuzzing cannot delete the link (409); its jobs stay queued
  // (no runner here), so a refresh never runs twice.
  await sandbox.control.injectFault({
    endpoint: 'DeleteCard',
    kind: 'flinks',
    flinksCode: 'CARD_IN_USE',
    status: 400,
    count: 1_000_000,
  });
  owner = new Browser(app);
  const created = await owner.post('/api/links', { loginId: crypto.randomUUID() });
  const { link, job } = created.json() as { link: { id: string }; job: { id: string } };
  ownerId = await owner.userId();
  await database.db.transaction((tx) =>
    storeAccountsDetail(
      tx,
      { id: link.id, userId: ownerId },
      accountsDetail([
        {
          id: crypto.randomUUID(),
          transactions: Array.from({ length: 30 }, (_, index) => ({
            id: `t${index}`,
            date: `2026-01-${String(30 - index).padStart(2, '0')}`,
            description: index % 2 ? 'PAYROLL 100% _ACME_' : 'Café ☕ \\ METRO',
            debit: index % 3 ? 12.5 : null,
            credit: index % 3 ? null : 100,
            balance: 1000 - index,
          })),
        },
      ]),
    ),
  );
  const links = (await owner.get('/api/links')).json() as { links: { accounts: { id: string }[] }[] };
  const account = links.links[0]?.accounts[0];
  if (!account) throw new Error('the owner has no account');
  accountId = account.id;

  // The event stream stays open for as long as the page does: there is no answer to wait for. Its refusals
  // and its events are proven in test/events.
  routes = routesOf(app.swagger() as unknown as OpenApiDocument).filter(
    (route) => route.path !== '/api/events',
  );
  target = {
    publicUrl: TEST_PUBLIC_URL,
    ownIds: { links: link.id, accounts: accountId, jobs: job.id },
    ownerCookie: owner.cookie ?? '',
    cookieName: SESSION_COOKIE,
    signCookie: (value) => app.signCookie(value),
    webhookSecret: WEBHOOK_SECRET,
    signatureHeaders: WEBHOOK_SIGNATURE_HEADERS,
    signedRoutes: CSRF_EXEMPT,
  };
});

afterAll(async () => {
  await app?.close();
  await sandbox?.close();
  await database?.close();
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
});

beforeEach(async () => {
  // Fuzzing the sign-out routes with the owner's cookie ends the owner's session: the owner gets a new one.
  if ((await owner.get('/api/auth/session')).json().user === null) {
    const issued = await app.auth.resumeUser(ownerId, { userAgent: '' });
    if (issued === null) throw new Error('the owner is gone');
    owner.cookie = `${SESSION_COOKIE}=${issued.token}`;
    target.ownerCookie = owner.cookie;
  }
});

afterEach(async () => {
  // Whatever came before, the app still answers, and nothing went wrong behind a polite answer.
  const health = await app.inject('/api/health');
  expect(health.statusCode).toBe(200);
  expect(health.json()).toEqual({ status: 'ok', database: 'ok' });
  expect(crashes).toEqual([]);
  expect(errorLogs).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

function send(request: HostileRequest): Promise<LightMyRequestResponse> {
  return app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
}

function describeRequest(request: HostileRequest, response: LightMyRequestResponse): string {
  return `${request.method} ${request.url.slice(0, 200)} (${request.defect ?? 'anything'}) → ${response.statusCode} ${response.body.slice(0, 200)}`;
}

/** Never a 5xx; every refusal is JSON in our error shape. */
function expectWellBehaved(request: HostileRequest, response: LightMyRequestResponse): void {
  const where = describeRequest(request, response);
  expect(response.statusCode, where).toBeLessThan(500);
  if (response.statusCode < 400 || request.method === 'HEAD') return;
  expect(String(response.headers['content-type']), where).toMatch(/^application\/json/);
  const body = JSON.parse(response.body);
  expect(body, where).toEqual({
    error: { code: expect.stringMatching(/^[A-Z][A-Z_]*$/), message: expect.any(String) },
  });
  expect(body.error.message.length, where).toBeGreaterThan(0);
}

describe('any input at every route', () => {
  it('is answered, never with a 5xx, and every refusal is in our error shape', async () => {
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(anyRequest(route, target), async (request) => {
          expectWellBehaved(request, await send(request));
        }),
        { numRuns: 250 },
      );
    }
  }, 180_000);

  it('refuses input that is bad by construction with a 4xx in our error shape', async () => {
    // Bad ids, query strings, bodies, content types, origins and signatures, wherever a route reads them.
    for (const route of routes) {
      for (const bad of badRequests(route, target)) {
        await fc.assert(
          fc.asyncProperty(bad, async (request) => {
            const response = await send(request);
            expectWellBehaved(request, response);
            // An id a URL parser resolved away (`..`) named another path: that request is no longer bad.
            if (request.defect === null) return;
            expect(response.statusCode, describeRequest(request, response)).toBeGreaterThanOrEqual(400);
          }),
          { numRuns: 60 },
        );
      }
    }
  }, 180_000);
});

/** Each documented id filled with one of the owner's, so that only the body decides the answer. */
function ownUrl(route: Route): string {
  return route.path.replace(/\{\w+\}/g, target.ownIds.links ?? '');
}

function expectRefused(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode, response.body.slice(0, 200)).toBe(status);
  expect(response.json()).toEqual({ error: { code, message: expect.any(String) } });
}

function signed(payload: string): Record<string, string> {
  const signature = createHmac('sha256', WEBHOOK_SECRET).update(payload).digest('base64');
  return { 'content-type': 'application/json', 'x-flinks-signature': signature };
}

const WEBHOOK = '/api/webhooks/flinks';
const nested = (open: string, close: string, depth: number) => open.repeat(depth) + close.repeat(depth);

describe('oversized and deeply nested bodies', () => {
  /** Routes that read a JSON body under the app's body limit (the signed webhook has a limit of its own). */
  const jsonRoutes = () => routes.filter((route) => route.body !== null && !CSRF_EXEMPT.has(route.path));

  it('refuses a body over the limit from its Content-Length, without parsing it', async () => {
    const bodies = [
      '['.repeat(100_000),
      '{"a":'.repeat(100_000),
      JSON.stringify({ loginId: 'x'.repeat(BODY_LIMIT) }),
    ];
    const parse = vi.spyOn(JSON, 'parse');
    try {
      for (const route of jsonRoutes()) {
        for (const payload of bodies) {
          const response = await owner.request({
            method: route.method as 'POST',
            url: ownUrl(route),
            headers: { 'content-type': 'application/json' },
            payload,
          });
          expectRefused(response, 413, 'PAYLOAD_TOO_LARGE');
        }
      }
      expect(parse.mock.calls.filter(([text]) => String(text).length > BODY_LIMIT)).toEqual([]);
    } finally {
      parse.mockRestore();
    }
  });

  it('answers a body that never ends with 413 once it passes the limit, and answers others meanwhile', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    const endless = Readable.from(
      (async function* () {
        for (;;) {
          yield '{"a":'.repeat(1_000);
          // One chunk per turn of the event loop, as a slow client sends them.
          await new Promise((resolve) => setImmediate(resolve));
        }
      })(),
    );
    try {
      const refusal = owner.request({
        method: 'POST',
        url: '/api/links',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        payload: endless,
      });
      const health = await app.inject('/api/health');
      expect(health.statusCode).toBe(200);
      expectRefused(await refusal, 413, 'PAYLOAD_TOO_LARGE');
      expect(parse.mock.calls.filter(([text]) => String(text).length > BODY_LIMIT)).toEqual([]);
    } finally {
      endless.destroy();
      parse.mockRestore();
    }
  });

  it('refuses deeply nested JSON within the limit with a 400, without overflowing the stack', async () => {
    const depth = Math.floor(BODY_LIMIT / 2.2);
    const cases: Array<[string, number, string]> = [
      [nested('[', ']', depth), 400, 'VALIDATION_FAILED'],
      [nested('{"a":', '}', Math.floor(BODY_LIMIT / 6.5)).replace(/:}/, ':1}'), 400, 'VALIDATION_FAILED'],
      [`{"loginId":${nested('[', ']', depth - 10)}}`, 400, 'VALIDATION_FAILED'],
      ['['.repeat(BODY_LIMIT - 10), 400, 'INVALID_JSON'],
      [`{"a":${nested('{"__proto__":', '}', 4_000).replace(/:}/, ':1}')}}`, 400, 'INVALID_JSON'],
    ];
    for (const route of jsonRoutes()) {
      for (const [payload, status, code] of cases) {
        expect(payload.length).toBeLessThanOrEqual(BODY_LIMIT);
        const response = await owner.request({
          method: route.method as 'POST',
          url: ownUrl(route),
          headers: { 'content-type': 'application/json' },
          payload,
        });
        expectRefused(response, status, code);
      }
    }
  });

  it('refuses unsigned webhook bodies before reading them, and parses signed deep ones without harm', async () => {
    const deep = nested('[', ']', 1_000_000);
    const unsigned = await app.inject({
      method: 'POST',
      url: WEBHOOK,
      headers: { 'content-type': 'application/json' },
      payload: deep,
    });
    expectRefused(unsigned, 401, 'INVALID_SIGNATURE');

    expectRefused(
      await app.inject({ method: 'POST', url: WEBHOOK, headers: signed(deep), payload: deep }),
      400,
      'INVALID_WEBHOOK',
    );
    const delivery = `{"RequestId":"${crypto.randomUUID()}","ResponseType":"GetAccountsDetail","Accounts":${nested('{"a":', '}', 100_000).replace(/:}/, ':1}')}}`;
    const accepted = await app.inject({
      method: 'POST',
      url: WEBHOOK,
      headers: signed(delivery),
      payload: delivery,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ received: true, duplicate: false });
  });
});

describe('inputs that reached PostgreSQL or Fastify’s own error body', () => {
  const cursor = (position: string) => Buffer.from(position).toString('base64url');

  it('refuses a NUL in the search and days PostgreSQL has no calendar for', async () => {
    const base = `/api/accounts/${accountId}`;
    for (const url of [
      `${base}/transactions?q=a%00b`,
      `${base}/transactions.csv?q=%00`,
      `${base}/transactions?from=0000-01-01`,
      `${base}/transactions.csv?to=0000-12-31`,
      `${base}/transactions.ofx?q=%00`,
    ]) {
      expectRefused(await owner.get(url), 400, 'VALIDATION_FAILED');
    }
    for (const position of ['2024-02-31.1', '0000-01-01.1', '2023-02-29.5']) {
      expectRefused(
        await owner.get(`${base}/transactions?cursor=${cursor(position)}`),
        400,
        'INVALID_CURSOR',
      );
    }
    expect((await owner.get(`${base}/transactions?from=0001-01-01&to=9999-12-31`)).statusCode).toBe(200);
  });

  it('answers URLs Fastify cannot decode, and over-long ids, in our shape', async () => {
    expectRefused(await owner.get('/api/links/%'), 400, 'BAD_REQUEST');
    expectRefused(await owner.get('/api/jobs/%E0%A4%A'), 400, 'BAD_REQUEST');
    expectRefused(await owner.delete(`/api/links/${'x'.repeat(300)}`), 414, 'URI_TOO_LONG');
  });

  it('refuses a signed webhook whose ResponseType holds a NUL', async () => {
    const payload = JSON.stringify({ RequestId: crypto.randomUUID(), ResponseType: 'Get\u0000Accounts' });
    expectRefused(
      await app.inject({ method: 'POST', url: WEBHOOK, headers: signed(payload), payload }),
      400,
      'INVALID_WEBHOOK',
    );
  });
});
