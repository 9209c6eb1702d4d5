import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { LinksViewCache, matches } from '../../src/links/view-cache.ts';
import { fakeDatabase } from '../helpers/listening.ts';

/** The cached answer's text. */
async function text(cache: LinksViewCache, userId: string, compute: () => Promise<string>) {
  return (await cache.read(userId, compute)).body.toString();
}

describe('links view cache', () => {
  it('answers from memory until the user’s view changes', async () => {
    const { db, notify } = fakeDatabase();
    const cache = new LinksViewCache();
    await cache.start(db);
    let computed = 0;
    const compute = async () => `view ${++computed}`;
    expect(await text(cache, 'alice', compute)).toBe('view 1');
    expect(await text(cache, 'alice', compute)).toBe('view 1');
    notify().onMessage('bob');
    expect(await text(cache, 'alice', compute)).toBe('view 1');
    notify().onMessage('alice');
    expect(await text(cache, 'alice', compute)).toBe('view 2');
  });

  it('does not keep an answer computed while a change to it was notified', async () => {
    const { db, notify } = fakeDatabase();
    const cache = new LinksViewCache();
    await cache.start(db);
    let computed = 0;
    const racing = await text(cache, 'alice', async () => {
      notify().onMessage('alice');
      return `view ${++computed}`;
    });
    expect(racing).toBe('view 1');
    expect(await text(cache, 'alice', async () => `view ${++computed}`)).toBe('view 2');
  });

  it('is bypassed while notifications may be missed, and works again once they resume', async () => {
    const { db, notify } = fakeDatabase();
    const cache = new LinksViewCache();
    await cache.start(db);
    let computed = 0;
    const compute = async () => `view ${++computed}`;
    await text(cache, 'alice', compute);
    notify().onInterrupted();
    expect(await text(cache, 'alice', compute)).toBe('view 2');
    expect(await text(cache, 'alice', compute)).toBe('view 3');
    expect(cache.size).toBe(0);
    notify().onResumed();
    expect(await text(cache, 'alice', compute)).toBe('view 4');
    expect(await text(cache, 'alice', compute)).toBe('view 4');
  });

  it('keeps at most its capacity of users, dropping the least recently filled', async () => {
    const { db } = fakeDatabase();
    const cache = new LinksViewCache(2);
    await cache.start(db);
    for (const user of ['a', 'b', 'c']) await text(cache, user, async () => user);
    expect(cache.size).toBe(2);
    expect(await text(cache, 'a', async () => 'a again')).toBe('a again');
  });

  it('names each answer with an ETag that changes with its bytes only', async () => {
    const { db, notify } = fakeDatabase();
    const cache = new LinksViewCache();
    await cache.start(db);
    const first = await cache.read('alice', async () => 'same');
    notify().onMessage('alice');
    const recomputed = await cache.read('alice', async () => 'same');
    notify().onMessage('alice');
    const changed = await cache.read('alice', async () => 'different');
    expect(recomputed.etag).toBe(first.etag);
    expect(changed.etag).not.toBe(first.etag);
    expect(first.etag).toMatch(/^"[\w-]+"$/);
  });

  it('closes without failing when letting go of its listener throws or rejects', async () => {
    for (const stop of [
      () => {
        throw new Error('the engine just ended');
      },
      async () => {
        throw new Error('the connection is gone');
      },
    ]) {
      const db = { listen: async () => stop } as unknown as Database;
      const cache = new LinksViewCache();
      await cache.start(db);
      await expect(cache.close()).resolves.toBeUndefined();
    }
  });

  it('lets go of a listener that started only after it was closed', async () => {
    let listened: (stop: () => Promise<void>) => void = () => undefined;
    let stopped = 0;
    const db = {
      listen: () => new Promise((resolve) => (listened = resolve)),
    } as unknown as Database;
    const cache = new LinksViewCache();
    const starting = cache.start(db);
    await cache.close();
    listened(async () => {
      stopped += 1;
    });
    await starting;
    expect(stopped).toBe(1);
  });

  it('matches If-None-Match by list, weak form or wildcard, and nothing else', () => {
    const etag = '"abc"';
    expect(matches('"abc"', etag)).toBe(true);
    expect(matches('W/"abc"', etag)).toBe(true);
    expect(matches('"x", "abc"', etag)).toBe(true);
    expect(matches('*', etag)).toBe(true);
    expect(matches('"abcd"', etag)).toBe(false);
    expect(matches('abc', etag)).toBe(false);
    expect(matches(undefined, etag)).toBe(false);
  });
});
