/**
 * The webhook receiver with the emulator delivering to it over HTTP: signatures checked on the raw body,
 * deliveries recorded idempotently, and a result that arrives before, during or after the poll giving one
 * stored result, not two.
 */
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import type { Sandbox } from '@passbook/flinks-sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WEBHOOK_RATE_LIMIT } from '../../src/webhooks/routes.ts';
import { Browser } from '../helpers/browser.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { accountsDetail } from '../helpers/flinks-data.ts';
import { appOn, eventually, jobRow, listen, startSandbox, waitForJob } from '../helpers/stack.ts';

const SECRET = 'webhook-secret-for-tests-0123456789';

describe.each(ENGINES)('webhooks on %s', (engine) => {
  let database: TestDatabase;
  let sandbox: Sandbox;
  /** Receives the emulator's deliveries; runs no jobs itself. */
  let receiver: FastifyInstance;
  let webhookUrl: string;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([openTestDatabase(engine), startSandbox()]);
    receiver = await appOn(sandbox, database.db, { FLINKS_WEBHOOK_SECRET: SECRET }, { runJobs: false });
    webhookUrl = `${await listen(receiver)}/api/webhooks/flinks`;
  });

  beforeEach(async () => {
    await sandbox.control.reset();
    await sandbox.control.configure({ webhook: { url: webhookUrl, secret: SECRET, retryDelayMs: 50 } });
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  afterAll(async () => {
    await receiver.close();
    await sandbox.close();
    await database.close();
  });

  async function runner(env: Record<string, string> = {}, runJobs = true): Promise<FastifyInstance> {
    const app = await appOn(sandbox, database.db, { FLINKS_WEBHOOK_SECRET: SECRET, ...env }, { runJobs });
    apps.push(app);
    return app;
  }

  async function delivery(requestId: string) {
    const { rows } = await database.db.query<{
      deliveries: number;
      payload: string | null;
      consumed_at: Date | null;
    }>(
      `SELECT deliveries, payload, consumed_at FROM webhook_events
       WHERE request_id = $1 AND response_type = 'GetAccountsDetail'`,
      [requestId.toLowerCase()],
    );
    return rows[0];
  }

  async function stored(linkId: string) {
    const { rows } = await database.db.query<{ total: number; distinct_ids: number }>(
      `SELECT count(*) AS total, count(DISTINCT (t.account_id, t.flinks_transaction_id)) AS distinct_ids
       FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE a.link_id = $1`,
      [linkId],
    );
    return rows[0];
  }

  function signed(body: string, signature = createHmac('sha256', SECRET).update(body).digest('base64')) {
    return {
      method: 'POST' as const,
      url: '/api/webhooks/flinks',
      headers: { 'content-type': 'application/json', 'x-flinks-signature': signature },
      payload: body,
    };
  }

  it('takes the result from a webhook delivered while the job waits to poll, and polls no more', async () => {
    // Polls are 5 s apart; the data is ready after 150 ms: only the webhook can end the job early.
    const app = await runner({ FLINKS_POLL_INTERVAL_MS: '5000', JOB_LEASE_MS: '3000' });
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const { job, link } = (await user.post('/api/links', { loginId })).json();
    const finished = await waitForJob(user, job.id, undefined, 4_000);
    expect(finished.state).toBe('succeeded');
    expect(await sandbox.control.calls({ endpoint: 'GetAccountsDetailAsync' })).toHaveLength(0);

    const { request_id: requestId } = await jobRow(database.db, job.id);
    expect(await delivery(requestId ?? '')).toMatchObject({ deliveries: 1, payload: null });
    expect((await stored(link.id))?.total).toBe(finished.newTransactions);
  });

  it('records duplicate and late deliveries without storing anything twice', async () => {
    const app = await runner();
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const { job, link } = (await user.post('/api/links', { loginId })).json();
    const finished = await waitForJob(user, job.id);
    const { request_id: requestId } = await jobRow(database.db, job.id);
    const before = await stored(link.id);
    // The first delivery may have come before the job recorded its RequestId, and a delivery for no job is
    // not kept: the three repeats are counted on top of whatever was recorded.
    const recorded = (await delivery(requestId ?? ''))?.deliveries ?? 0;

    await sandbox.control.deliverWebhook({ requestId: requestId ?? '', times: 3, delayMs: 20 });
    await eventually(async () => {
      const row = await delivery(requestId ?? '');
      return row && row.deliveries >= recorded + 3 ? row : undefined;
    }, 'three more deliveries');
    const deliveries = await sandbox.control.webhookDeliveries({ requestId: requestId ?? '' });
    expect(deliveries.filter((item) => item.ok)).toHaveLength(4);
    expect((await delivery(requestId ?? ''))?.payload).toBeNull();
    expect(await stored(link.id)).toEqual(before);
    expect((await user.get(`/api/jobs/${job.id}`)).json().job).toMatchObject({
      state: 'succeeded',
      newTransactions: finished.newTransactions,
    });
  });

  it('keeps a result delivered while no instance runs the job, and uses it on resume without polling', async () => {
    await sandbox.control.configure({ webhook: null, processingMs: 400 });
    const first = await runner({ FLINKS_POLL_INTERVAL_MS: '5000' });
    const user = new Browser(first);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const { job, link } = (await user.post('/api/links', { loginId })).json();
    const row = await eventually(async () => {
      const current = await jobRow(database.db, job.id);
      return current.detail_requested ? current : undefined;
    }, 'the data request');
    await first.close();

    await sandbox.control.configure({ webhook: { url: webhookUrl, secret: SECRET } });
    await eventually(
      async () =>
        await sandbox.control.deliverWebhook({ requestId: row.request_id ?? '' }).then(
          () => true,
          () => undefined,
        ),
      'the request to complete at the emulator',
    );
    await eventually(
      async () => ((await delivery(row.request_id ?? ''))?.payload ? true : undefined),
      'the delivery',
    );

    const second = await runner({ FLINKS_POLL_INTERVAL_MS: '5000' });
    const finished = await waitForJob(new Browser(second).withCookie(user.cookie), job.id);
    expect(finished.state).toBe('succeeded');
    expect(await sandbox.control.calls({ endpoint: 'GetAccountsDetailAsync' })).toHaveLength(0);
    expect((await stored(link.id))?.total).toBe(finished.newTransactions);
    expect((await delivery(row.request_id ?? ''))?.payload).toBeNull();
  });

  it('refuses mis-signed and unsigned deliveries, and records nothing of them', async () => {
    const app = await runner();
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    await sandbox.control.configure({ webhook: null });
    const { job } = (await user.post('/api/links', { loginId })).json();
    await waitForJob(user, job.id);
    const { request_id: requestId } = await jobRow(database.db, job.id);
    const before = await delivery(requestId ?? '');

    await sandbox.control.configure({ webhook: { url: webhookUrl, secret: SECRET } });
    await sandbox.control.deliverWebhook({ requestId: requestId ?? '', badSignature: true });
    await sandbox.control.deliverWebhook({ requestId: requestId ?? '', unsigned: true });
    const attempts = await eventually(async () => {
      const list = await sandbox.control.webhookDeliveries({ requestId: requestId ?? '' });
      return list.length >= 2 ? list : undefined;
    }, 'both deliveries');
    expect(attempts.map((attempt) => attempt.status)).toEqual([401, 401]);
    expect(await delivery(requestId ?? '')).toEqual(before);

    const body = JSON.stringify({
      RequestId: crypto.randomUUID(),
      ResponseType: 'GetAccountsDetail',
      Accounts: [],
    });
    const forged = await receiver.inject(
      signed(body, createHmac('sha256', 'wrong').update(body).digest('base64')),
    );
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('INVALID_SIGNATURE');
    const tampered = await receiver.inject({ ...signed(body), payload: body.replace('[]', '[ ]') });
    expect(tampered.statusCode).toBe(401);
  });

  it('hashes a delivery as it arrives: a mis-signed one is refused without its body ever joined into one piece', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const chunks = 64;
    const wellFormed = createHmac('sha256', 'not the secret').update('x').digest('base64');
    const concat = vi.spyOn(Buffer, 'concat');
    try {
      const response = await receiver.inject({
        method: 'POST',
        url: '/api/webhooks/flinks',
        headers: { 'content-type': 'application/json', 'flinks-authenticity-key': wellFormed },
        payload: Readable.from(Array.from({ length: chunks }, () => chunk)),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: { code: 'INVALID_SIGNATURE', message: expect.any(String) } });
      const largest = Math.max(0, ...concat.mock.results.map((result) => (result.value as Buffer).length));
      expect(largest).toBeLessThan(chunk.length * 2);
    } finally {
      concat.mockRestore();
    }
    // Streamed the same way and signed, it is read whole and taken.
    const body = JSON.stringify({
      RequestId: crypto.randomUUID(),
      ResponseType: 'KYC',
      Padding: 'y'.repeat(500_000),
    });
    const signature = createHmac('sha256', SECRET).update(body).digest('base64');
    const pieces = body.match(/[\s\S]{1,65536}/g) ?? [];
    const taken = await receiver.inject({
      method: 'POST',
      url: '/api/webhooks/flinks',
      headers: { 'content-type': 'application/json', 'flinks-authenticity-key': signature },
      payload: Readable.from(pieces.map((piece) => Buffer.from(piece))),
    });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toEqual({ received: true, duplicate: false });
  });

  it('accepts a signed delivery far above the API’s body limit, and refuses one that is not a delivery', async () => {
    const requestId = crypto.randomUUID();
    const { job } = (await new Browser(receiver).post('/api/links', { loginId: crypto.randomUUID() })).json();
    await database.db.query("UPDATE jobs SET state = 'retrieving', request_id = $2 WHERE id = $1", [
      job.id,
      requestId,
    ]);
    const body = JSON.stringify({
      RequestId: requestId,
      ResponseType: 'GetAccountsDetail',
      Accounts: [],
      Padding: 'x'.repeat(1_000_000),
    });
    const response = await receiver.inject(signed(body));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: true, duplicate: false });
    expect((await receiver.inject(signed(body))).json()).toEqual({ received: true, duplicate: true });
    expect((await delivery(requestId))?.deliveries).toBe(2);

    const notDelivery = await receiver.inject(signed(JSON.stringify({ hello: 'world' })));
    expect(notDelivery.statusCode).toBe(400);
    expect(notDelivery.json().error.code).toBe('INVALID_WEBHOOK');
  });

  it('discards an unusable delivered result and finishes by polling', async () => {
    await sandbox.control.configure({ webhook: null, processingMs: 800 });
    const app = await runner({ FLINKS_POLL_INTERVAL_MS: '200' });
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const { job } = (await user.post('/api/links', { loginId })).json();
    const row = await eventually(async () => {
      const current = await jobRow(database.db, job.id);
      return current.detail_requested ? current : undefined;
    }, 'the data request');
    const garbage = JSON.stringify({
      RequestId: row.request_id,
      ResponseType: 'GetAccountsDetail',
      Accounts: 'no',
    });
    expect((await app.inject(signed(garbage))).statusCode).toBe(200);

    const finished = await waitForJob(user, job.id);
    expect(finished.state).toBe('succeeded');
    expect(
      (
        await sandbox.control.calls({ endpoint: 'GetAccountsDetailAsync', requestId: row.request_id ?? '' })
      ).at(-1)?.status,
    ).toBe(200);
    expect((await delivery(row.request_id ?? ''))?.payload).toBeNull();
  });

  it('stores a signed delivery only when its Login is the job’s own: another person’s data is discarded', async () => {
    await sandbox.control.configure({ webhook: null, processingMs: 800 });
    const app = await runner({ FLINKS_POLL_INTERVAL_MS: '200' });
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const { job, link } = (await user.post('/api/links', { loginId })).json();
    const row = await eventually(async () => {
      const current = await jobRow(database.db, job.id);
      return current.detail_requested ? current : undefined;
    }, 'the data request');
    const someoneElses = {
      ...accountsDetail([{ id: crypto.randomUUID(), title: 'Someone else’s savings' }]),
      RequestId: row.request_id,
      ResponseType: 'GetAccountsDetail',
      Login: { Id: crypto.randomUUID(), Username: 'someone_else' },
    };
    expect((await app.inject(signed(JSON.stringify(someoneElses)))).statusCode).toBe(200);

    expect((await waitForJob(user, job.id)).state).toBe('succeeded');
    const titles = (await user.get(`/api/links/${link.id}`))
      .json()
      .link.accounts.map((account: { title: string }) => account.title);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles).not.toContain('Someone else’s savings');
    expect((await delivery(row.request_id ?? ''))?.payload).toBeNull();
  });

  /** Sends only the head of a POST announcing `length` bytes, and resolves with the status once answered. */
  function headOnly(url: string, headers: Record<string, string>, length: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(length), ...headers },
      });
      request.on('response', (response) => {
        resolve(response.statusCode ?? 0);
        response.resume();
        request.destroy();
      });
      request.on('error', (error) => {
        if (!request.destroyed) reject(error);
      });
      request.flushHeaders();
    });
  }

  it('refuses a malformed signature, and a body over the limit, from the head alone, before any byte of body', async () => {
    const wellFormed = createHmac('sha256', 'not the secret').update('x').digest('base64');
    expect(await headOnly(webhookUrl, { 'x-flinks-signature': 'bogus' }, 30_000_000)).toBe(401);
    expect(await headOnly(webhookUrl, { 'flinks-authenticity-key': `${wellFormed}!` }, 1_000)).toBe(401);
    expect(await headOnly(webhookUrl, { 'x-flinks-signature': wellFormed }, 30_000_000)).toBe(413);
  });

  it('limits deliveries per source', async () => {
    const app = await runner();
    const bogus = createHmac('sha256', 'not the secret').update('x').digest('base64');
    const statuses: number[] = [];
    for (let sent = 0; sent < WEBHOOK_RATE_LIMIT.max; sent++) {
      statuses.push((await app.inject(signed('{}', bogus))).statusCode);
    }
    expect(statuses.every((status) => status === 401)).toBe(true);
    const limited = await app.inject(signed('{}', bogus));
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
  });

  /** A signed GetAccountsDetail delivery for `requestId` carrying a LoginId, an account number and a holder. */
  function bankDataDelivery(requestId: string, loginId: string) {
    const answer = accountsDetail([{ id: crypto.randomUUID(), accountNumber: '9876543210' }]);
    return JSON.stringify({
      ...answer,
      Accounts: answer.Accounts.map((account) => ({ ...account, Holder: { Name: 'Holly Holder' } })),
      RequestId: requestId,
      ResponseType: 'GetAccountsDetail',
      Login: { Id: loginId, Username: 'someone' },
    });
  }

  it('keeps nothing of a delivery for a RequestId no job is retrieving', async () => {
    const requestId = crypto.randomUUID();
    const response = await receiver.inject(signed(bankDataDelivery(requestId, crypto.randomUUID())));
    expect(response.statusCode).toBe(200);
    expect(await delivery(requestId)).toBeUndefined();
  });

  it('keeps a waiting delivery sealed, and discards it once the retention has passed', async () => {
    const app = await runner({ FLINKS_WEBHOOK_RETENTION_MS: '1000' }, false);
    const user = new Browser(app);
    const loginId = crypto.randomUUID();
    const { job } = (await user.post('/api/links', { loginId })).json();
    const requestId = crypto.randomUUID();
    await database.db.query("UPDATE jobs SET state = 'retrieving', request_id = $2 WHERE id = $1", [
      job.id,
      requestId.toUpperCase(),
    ]);
    expect((await app.inject(signed(bankDataDelivery(requestId, loginId)))).statusCode).toBe(200);
    const kept = (await delivery(requestId))?.payload ?? '';
    expect(kept.length).toBeGreaterThan(0);
    for (const secret of [loginId, '9876543210', 'Holly Holder', requestId])
      expect(kept).not.toContain(secret);

    await database.db.query(
      "UPDATE webhook_events SET received_at = now() - interval '1 hour' WHERE request_id = $1",
      [requestId],
    );
    await eventually(
      async () => ((await delivery(requestId))?.payload === null ? true : undefined),
      'the stale payload to be discarded',
    );
    await database.db.query("UPDATE jobs SET state = 'failed', finished_at = now() WHERE id = $1", [job.id]);
  });
});
