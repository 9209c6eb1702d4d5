import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.ts';
import { type Flinks, sleep, startSandbox } from '../helpers.ts';

const SECRET = 'webhook-shared-secret';

interface Received {
  at: number;
  headers: IncomingHttpHeaders;
  raw: string;
}

/** A tiny webhook receiver: records every delivery and answers the statuses it is told to, then 200. */
class Receiver {
  readonly received: Received[] = [];
  failures: number[] = [];
  private server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.received.push({
        at: Date.now(),
        headers: request.headers,
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      response.statusCode = this.failures.shift() ?? 200;
      response.end();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/flinks`;
  }

  async waitFor(count: number): Promise<Received[]> {
    for (let i = 0; i < 1_000 && this.received.length < count; i++) await sleep(10);
    expect(this.received.length).toBeGreaterThanOrEqual(count);
    return this.received;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const expectedSignature = (raw: string, secret = SECRET) =>
  createHmac('sha256', secret).update(raw).digest('base64');

let sandbox: Sandbox;
let flinks: Flinks;
let receiver: Receiver;
let webhookUrl: string;

beforeAll(async () => {
  receiver = new Receiver();
  webhookUrl = await receiver.start();
  ({ sandbox, flinks } = await startSandbox({
    processingMs: 20,
    webhook: { url: webhookUrl, secret: SECRET, maxAttempts: 3, retryDelayMs: 20 },
  }));
});
beforeEach(async () => {
  await sandbox.control.reset();
  receiver.received.length = 0;
  receiver.failures = [];
});
afterAll(async () => {
  await sandbox.close();
  await receiver.stop();
});

async function completedRequest(): Promise<string> {
  const { requestId } = await flinks.connect('greatday_nomfa');
  await flinks.retrieve(requestId);
  return requestId;
}

describe('webhooks', () => {
  it('POSTs the GetAccountsDetail body with ResponseType, signed under both header names', async () => {
    const requestId = await completedRequest();
    const [delivery] = await receiver.waitFor(1);
    if (!delivery) throw new Error('no delivery');
    const signature = expectedSignature(delivery.raw);
    expect(delivery.headers['flinks-authenticity-key']).toBe(signature);
    expect(delivery.headers['x-flinks-signature']).toBe(signature);
    expect(delivery.headers['content-type']).toContain('application/json');
    const body = JSON.parse(delivery.raw);
    expect(body.ResponseType).toBe('GetAccountsDetail');
    expect(body.RequestId).toBe(requestId);
    const { ResponseType, ...data } = body;
    expect(ResponseType).toBe('GetAccountsDetail');
    expect(data).toEqual((await flinks.detailAsync(requestId)).body);
  });

  it('sends nothing for a summary alone', async () => {
    const { requestId } = await flinks.connect('greatday_nomfa');
    const headers = { 'x-api-key': sandbox.apiKey };
    await flinks.call('POST', 'GetAccountsSummary', { body: { RequestId: requestId }, headers });
    await completedRequest();
    await receiver.waitFor(1);
    await sleep(50);
    expect(receiver.received.map((delivery) => JSON.parse(delivery.raw).RequestId)).not.toContain(requestId);
  });

  it('retries a failed delivery up to maxAttempts, retryDelayMs apart', async () => {
    receiver.failures = [500, 503];
    const requestId = await completedRequest();
    await receiver.waitFor(3);
    await sleep(60);
    expect(receiver.received).toHaveLength(3);
    const deliveries = await sandbox.control.webhookDeliveries({ requestId });
    expect(deliveries.map((delivery) => [delivery.attempt, delivery.status, delivery.ok])).toEqual([
      [1, 500, false],
      [2, 503, false],
      [3, 200, true],
    ]);
  });

  it('gives up after maxAttempts', async () => {
    receiver.failures = [500, 500, 500, 500];
    const requestId = await completedRequest();
    await receiver.waitFor(3);
    await sleep(80);
    expect(receiver.received).toHaveLength(3);
    expect((await sandbox.control.webhookDeliveries({ requestId })).every((delivery) => !delivery.ok)).toBe(
      true,
    );
  });

  it('re-delivers on demand: duplicates, late, mis-signed and unsigned', async () => {
    const requestId = await completedRequest();
    await receiver.waitFor(1);

    await sandbox.control.deliverWebhook({ requestId, times: 2 });
    const duplicates = await receiver.waitFor(3);
    expect(duplicates[1]?.raw).toBe(duplicates[0]?.raw);
    expect(duplicates[2]?.headers['x-flinks-signature']).toBe(expectedSignature(duplicates[2]?.raw ?? ''));

    const asked = Date.now();
    await sandbox.control.deliverWebhook({ requestId, delayMs: 150 });
    const late = (await receiver.waitFor(4))[3];
    expect((late?.at ?? 0) - asked).toBeGreaterThanOrEqual(140);

    receiver.failures = [401, 401, 401];
    await sandbox.control.deliverWebhook({ requestId, badSignature: true });
    const misSigned = (await receiver.waitFor(5))[4];
    expect(misSigned?.headers['x-flinks-signature']).toBeDefined();
    expect(misSigned?.headers['x-flinks-signature']).not.toBe(expectedSignature(misSigned?.raw ?? ''));
    expect(misSigned?.headers['flinks-authenticity-key']).toBe(misSigned?.headers['x-flinks-signature']);
    await receiver.waitFor(7);

    receiver.failures = [];
    await sandbox.control.deliverWebhook({ requestId, unsigned: true });
    const unsigned = (await receiver.waitFor(8))[7];
    expect(unsigned?.headers['x-flinks-signature']).toBeUndefined();
    expect(unsigned?.headers['flinks-authenticity-key']).toBeUndefined();
  });

  it('refuses to re-deliver an unknown request, or without a webhook', async () => {
    await expect(
      sandbox.control.deliverWebhook({ requestId: '3fa391bc-bc52-4424-82c5-8662600df9b2' }),
    ).rejects.toThrow(/404/);
    const requestId = await completedRequest();
    await receiver.waitFor(1);
    await sandbox.control.configure({ webhook: null });
    await expect(sandbox.control.deliverWebhook({ requestId })).rejects.toThrow(/409/);
  });

  it('can be configured at run time and signs with the new secret', async () => {
    await sandbox.control.configure({ webhook: { url: webhookUrl, secret: 'rotated' } });
    await completedRequest();
    const [delivery] = await receiver.waitFor(1);
    expect(delivery?.headers['x-flinks-signature']).toBe(expectedSignature(delivery?.raw ?? '', 'rotated'));
  });
});
