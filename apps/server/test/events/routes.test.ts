/**
 * The page's event stream: one `changed` on connecting, then one whenever this user's view changes, whichever
 * instance changed it; a page without a session is refused.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { Browser } from '../helpers/browser.ts';
import { testConfig } from '../helpers/config.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { listen } from '../helpers/stack.ts';

/** An EventSource's view of the stream: the names of the events received so far. */
async function openStream(url: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/events`, {
    headers: { accept: 'text/event-stream', cookie },
    signal: controller.signal,
  });
  const events: string[] = [];
  const waiters: Array<() => void> = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    const body = response.body;
    if (!body) return;
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const name = /^event: (.+)$/m.exec(buffer.slice(0, end))?.[1];
          if (name) events.push(name);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
        for (const wake of waiters.splice(0)) wake();
      }
    } catch {
      // Aborted by the test.
    }
  })();
  /** Waits until `count` events have arrived. */
  const received = async (count: number) => {
    while (events.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return events.slice(0, count);
  };
  return { response, events, received, reading, close: () => controller.abort() };
}

describe.each(ENGINES)('event stream on %s', (engine) => {
  let database: TestDatabase;
  let first: FastifyInstance;
  let second: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    first = await buildApp(testConfig(), { database: database.db, runJobs: false });
    second = await buildApp(testConfig(), { database: await database.reopen(), runJobs: false });
    url = await listen(first);
    await second.ready();
  });

  afterAll(async () => {
    await first.close();
    await second.close();
    await database.close();
  });

  it('tells the page on connecting, then of each change to its view, made by any instance', async () => {
    const user = new Browser(first);
    await user.post('/api/links', { loginId: crypto.randomUUID() });
    const cookie = user.cookie ?? '';
    const stream = await openStream(url, cookie);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await stream.received(1)).toEqual(['changed']);

    await user.post('/api/links', { loginId: crypto.randomUUID() });
    await stream.received(2);

    const elsewhere = new Browser(second).withCookie(cookie);
    const count = stream.events.length;
    expect((await elsewhere.post('/api/links', { loginId: crypto.randomUUID() })).statusCode).toBe(202);
    await stream.received(count + 1);
    stream.close();
  });

  it('refuses a page without a session, in our error shape, so that it polls instead', async () => {
    const response = await fetch(`${url}/api/events`, { headers: { accept: 'text/event-stream' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'NO_SESSION', message: 'There is nothing to follow yet.' },
    });
  });
});
