import { describe, expect, it } from 'vitest';
import type { Database, NotificationHandlers } from '../../src/db/database.ts';
import { LinksViewCache } from '../../src/links/view-cache.ts';

/** A database whose notifications the test sends by hand. */
function fakeDatabase() {
  let handlers: NotificationHandlers | null = null;
  const db = {
    listen: async (_channel: string, given: NotificationHandlers) => {
      handlers = given;
      given.onResumed();
      return async () => undefined;
    },
  } as unknown as Database;
  const notify = () => {
    if (!handlers) throw new Error('not listening');
    return handlers;
  };
  return { db, notify };
}

describe('links view cache', () => {
  it('answers from memory until the user’s view changes', async () => {
    const { db, notify } = fakeDatabase();
    const cache = new LinksViewCache();
    await cache.start(db);
    let computed = 0;
    const compute = async () => `view ${++computed}`;
    expect(await cache.read('alice', compute)).toBe('view 1');
    expect(await cache.read('alice', compute)).toBe('view 1');
    notify().onMessage('bob');
    expect(await cache.read('alice', compute)).toBe('view 1');
    notify().onMessage('alice');
    expect(await cache.read('alice', compute)).toBe('view 2');
  });

  it('does not keep an answer computed while a change to it was notified', async () => {
    const { db, notify } = fakeDatabase();
    const cache = new LinksViewCache();
    await cache.start(db);
    let computed = 0;
    const racing = await cache.read('alice', async () => {
      notify().onMessage('alice');
      return `view ${++computed}`;
    });
    expect(racing).toBe('view 1');
    expect(await cache.read('alice', async () => `view ${++computed}`)).toBe('view 2');
  });

  it('is bypassed while notifications may be missed, and works again once they resume', async () => {
    const { db, notify } = fakeDatabase();
    const cache = new LinksViewCache();
    await cache.start(db);
    let computed = 0;
    const compute = async () => `view ${++computed}`;
    await cache.read('alice', compute);
    notify().onInterrupted();
    expect(await cache.read('alice', compute)).toBe('view 2');
    expect(await cache.read('alice', compute)).toBe('view 3');
    expect(cache.size).toBe(0);
    notify().onResumed();
    expect(await cache.read('alice', compute)).toBe('view 4');
    expect(await cache.read('alice', compute)).toBe('view 4');
  });

  it('keeps at most its capacity of users, dropping the least recently filled', async () => {
    const { db } = fakeDatabase();
    const cache = new LinksViewCache(2);
    await cache.start(db);
    for (const user of ['a', 'b', 'c']) await cache.read(user, async () => user);
    expect(cache.size).toBe(2);
    expect(await cache.read('a', async () => 'a again')).toBe('a again');
  });
});
