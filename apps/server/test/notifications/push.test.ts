/**
 * Web Push end to end: the app pushes to a push service the test runs (HTTPS, its own certificate), which
 * checks each request's VAPID signature and decrypts it with the device's keys. A link whose bank password
 * changed is told once; new transactions above the chosen amount are told in the device's language; a
 * subscription the push service says is gone is forgotten; subscriptions rest sealed. An app as it runs in
 * production refuses an endpoint on an internal host, and never connects to a public name that resolves to a
 * private address.
 */
import { createServer, type Server } from 'node:net';
import type { Sandbox } from '@passbook/flinks-sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser.ts';
import { ManualClock } from '../helpers/clock.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { PushService, vapidKeys } from '../helpers/push-service.ts';
import { appOn, eventually, startSandbox, waitForJob } from '../helpers/stack.ts';

const DAY = 24 * 3_600_000;

describe.each(ENGINES)('push notifications on %s', (engine) => {
  let database: TestDatabase;
  let sandbox: Sandbox;
  let service: PushService;
  let app: FastifyInstance;
  const clock = new ManualClock();
  const vapid = vapidKeys();

  beforeAll(async () => {
    [database, sandbox, service] = await Promise.all([
      openTestDatabase(engine),
      startSandbox(),
      PushService.start(),
    ]);
    app = await appOn(
      sandbox,
      database.db,
      {
        SYNC_INTERVAL_MS: String(DAY),
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:ops@passbook.test',
      },
      // The test's push service listens on 127.0.0.1: this app alone may post to a private address.
      { clock, pushAgent: service.agent, pushToPrivateAddresses: true },
    );
  });

  afterAll(async () => {
    await app.close();
    await Promise.all([sandbox.close(), service.close()]);
    await database.close();
  });

  async function linkedUser(username: string) {
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin(username);
    const { job, link } = (await user.post('/api/links', { loginId })).json();
    expect((await waitForJob(user, job.id)).state).toBe('succeeded');
    return { user, loginId, linkId: link.id as string };
  }

  const pushesTo = (endpoint: string) => service.received.filter((push) => endpoint.endsWith(push.path));

  it('tells each device once, signed and encrypted for it, when a link starts needing the person', async () => {
    const { user, loginId } = await linkedUser('greatday_nomfa');
    const info = (await user.get('/api/notifications')).json();
    expect(info).toEqual({
      available: true,
      publicKey: vapid.publicKey,
      settings: { linkNeedsYou: true, transactionsAbove: null },
    });
    const device = service.device();
    const saved = await user.put('/api/notifications/subscription', { ...device, language: 'en' });
    expect(saved.statusCode).toBe(204);
    await app.jobRunner.enqueueScheduled();

    // The bank password changes: the next day's GetNightlyRefreshStatus lists the login.
    await sandbox.control.breakCredentials(loginId);
    clock.advance(DAY);
    await app.jobRunner.enqueueScheduled();
    const [push] = await eventually(async () => {
      const received = pushesTo(device.subscription.endpoint);
      return received.length > 0 ? received : undefined;
    }, 'a push');
    expect(push?.message).toEqual({
      title: 'Flinks Capital needs you',
      body: 'Sign in to your bank again so that Passbook stays up to date.',
      url: '/attention',
      tag: 'needs-you',
    });
    expect(push?.vapidPublicKey).toBe(vapid.publicKey);
    expect(push?.claims.sub).toBe('mailto:ops@passbook.test');
    expect((push?.claims.exp ?? 0) * 1000).toBeGreaterThan(Date.now());
    expect(push?.headers.ttl).toBe('86400');

    // Still broken the day after: the person was told already.
    clock.advance(DAY);
    await app.jobRunner.enqueueScheduled();
    await eventually(async () => {
      const { rows } = await database.db.query(
        "SELECT 1 FROM jobs WHERE kind = 'sync' AND state NOT IN ('succeeded', 'failed')",
      );
      return rows.length === 0 ? true : undefined;
    }, 'the syncs to end');
    expect(pushesTo(device.subscription.endpoint)).toHaveLength(1);

    // What rests in the database names no endpoint and no key.
    const { rows } = await database.db.query<{ subscription_encrypted: string; endpoint_hash: string }>(
      'SELECT subscription_encrypted, endpoint_hash FROM push_subscriptions',
    );
    const stored = JSON.stringify(rows);
    for (const secret of [
      device.subscription.endpoint,
      device.subscription.keys.p256dh,
      device.subscription.keys.auth,
    ])
      expect(stored).not.toContain(secret);
  });

  it('tells, in the device’s language, of new transactions that reach the chosen amount', async () => {
    const { user, linkId } = await linkedUser('greatday_nomfa+2');
    const device = service.device();
    expect(
      (await user.put('/api/notifications/subscription', { ...device, language: 'fr' })).statusCode,
    ).toBe(204);
    const settings = await user.put('/api/notifications/settings', {
      linkNeedsYou: true,
      transactionsAbove: 1,
    });
    expect(settings.json()).toEqual({ settings: { linkNeedsYou: true, transactionsAbove: 1 } });

    // A live refresh brings the day's transactions (the emulator adds at least two dated today).
    const { job } = (await user.post(`/api/links/${linkId}/refresh`)).json();
    const done = await waitForJob(user, job.id);
    expect(done.newTransactions).toBeGreaterThanOrEqual(2);
    const [push] = await eventually(async () => {
      const received = pushesTo(device.subscription.endpoint);
      return received.length > 0 ? received : undefined;
    }, 'a push');
    expect(push?.message).toMatchObject({
      title: `${done.newTransactions} nouvelles opérations chez Flinks Capital`,
      url: '/',
      tag: 'transactions',
    });

    // An amount no new transaction reaches: nothing is pushed.
    await user.put('/api/notifications/settings', { linkNeedsYou: true, transactionsAbove: 100_000_000_00 });
    const again = (await user.post(`/api/links/${linkId}/refresh`)).json().job;
    expect((await waitForJob(user, again.id)).state).toBe('succeeded');
    expect(pushesTo(device.subscription.endpoint)).toHaveLength(1);
  });

  it('forgets a subscription its push service says is gone, and refuses what is not https', async () => {
    const { user, loginId } = await linkedUser('greatday_nomfa+3');
    const device = service.device();
    await user.put('/api/notifications/subscription', { ...device, language: 'en' });
    service.gone.add(new URL(device.subscription.endpoint).pathname);
    await sandbox.control.breakCredentials(loginId);
    clock.advance(DAY);
    await app.jobRunner.enqueueScheduled();
    await eventually(async () => {
      const { rows } = await database.db.query('SELECT 1 FROM push_subscriptions WHERE endpoint_hash = $1', [
        app.vault.pushEndpointHash(device.subscription.endpoint),
      ]);
      return rows.length === 0 ? true : undefined;
    }, 'the subscription to be forgotten');

    const plain = await user.put('/api/notifications/subscription', {
      subscription: { ...device.subscription, endpoint: 'http://127.0.0.1:9/push' },
      language: 'en',
    });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error.code).toBe('BAD_REQUEST');
    const removed = await user.request({
      method: 'DELETE',
      url: '/api/notifications/subscription',
      payload: { endpoint: device.subscription.endpoint },
    });
    expect(removed.statusCode).toBe(204);
  });

  describe('without the test-only allowance', () => {
    let strict: FastifyInstance;
    let listener: Server;
    let connections = 0;
    let lookups = 0;
    const REBOUND = 'push.rebound.example';

    beforeAll(async () => {
      // What a public-looking name resolves to once the subscription is saved: this machine.
      listener = createServer((socket) => {
        connections += 1;
        socket.destroy();
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      strict = await appOn(
        sandbox,
        database.db,
        {
          VAPID_PUBLIC_KEY: vapid.publicKey,
          VAPID_PRIVATE_KEY: vapid.privateKey,
          VAPID_SUBJECT: 'mailto:ops@passbook.test',
        },
        {
          runJobs: false,
          pushLookup: (hostname, options, callback) => {
            if (hostname !== REBOUND) return callback(new Error(`unknown host ${hostname}`), '', 0);
            lookups += 1;
            const address = { address: '127.0.0.1', family: 4 };
            return options.all ? callback(null, [address] as never) : callback(null, address.address, 4);
          },
        },
      );
    });

    afterAll(async () => {
      await strict.close();
      await new Promise((resolve) => listener.close(resolve));
    });

    it('refuses an endpoint on an internal host with a 400 in our shape, and keeps nothing', async () => {
      const user = new Browser(strict);
      const device = service.device();
      for (const endpoint of [
        device.subscription.endpoint,
        'https://localhost/push/1',
        'https://[::1]/push/1',
        'https://[::ffff:7f00:1]/push/1',
        'https://0x7f000001/push/1',
        'https://169.254.169.254/latest/meta-data/',
        'https://10.0.0.8/push',
        'https://metadata.google.internal/push',
      ]) {
        const refused = await user.put('/api/notifications/subscription', {
          subscription: { ...device.subscription, endpoint },
          language: 'en',
        });
        expect(refused.statusCode, endpoint).toBe(400);
        expect(refused.json(), endpoint).toEqual({
          error: { code: 'BAD_REQUEST', message: expect.stringMatching(/private or local address/) },
        });
      }
      const { rows } = await database.db.query('SELECT 1 FROM push_subscriptions WHERE user_id = $1', [
        await user.userId(),
      ]);
      expect(rows).toHaveLength(0);
    });

    it('never connects to a public name that resolves to a private address when it pushes', async () => {
      const user = new Browser(strict);
      const { port } = listener.address() as { port: number };
      const device = service.device();
      const endpoint = `https://${REBOUND}:${port}/push/1`;
      const saved = await user.put('/api/notifications/subscription', {
        subscription: { ...device.subscription, endpoint },
        language: 'en',
      });
      expect(saved.statusCode, saved.body).toBe(204);
      const delivered = await strict.push.send(await user.userId(), () => ({
        title: 'a',
        body: 'b',
        url: '/',
        tag: 't',
      }));
      // The name was resolved, to this machine, and nothing was connected to.
      expect(lookups).toBeGreaterThan(0);
      expect(delivered).toBe(0);
      expect(connections).toBe(0);
    });
  });
});
