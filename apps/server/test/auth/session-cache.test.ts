/**
 * The sessions kept in memory: served until their freshness or absolute expiry ends, forgotten on the
 * notification of their session or user, never kept from a read that raced with a notification, and not used
 * at all while notifications may be missed.
 */
import { describe, expect, it } from 'vitest';
import { SessionCache } from '../../src/auth/session-cache.ts';
import { fakeDatabase } from '../helpers/listening.ts';

const FAR = new Date('2100-01-01T00:00:00Z');
const alice = { id: 'session-a', userId: 'alice', account: true };
const alicePhone = { id: 'session-b', userId: 'alice', account: true };
const bob = { id: 'session-c', userId: 'bob', account: false };

async function started(now: () => number = Date.now) {
  const { db, notify } = fakeDatabase();
  const cache = new SessionCache(60_000, 100, now);
  await cache.start(db);
  return { cache, notify };
}

describe('session cache', () => {
  it('serves a kept session until its freshness ends, then asks for a new read', async () => {
    let now = 1_000_000;
    const { cache } = await started(() => now);
    cache.keep(cache.begin(), 'hash-a', alice, FAR);
    expect(cache.get('hash-a')).toEqual(alice);
    now += 59_999;
    expect(cache.get('hash-a')).toEqual(alice);
    now += 1;
    expect(cache.get('hash-a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never serves a session past its absolute expiry', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { cache } = await started(() => now);
    cache.keep(cache.begin(), 'hash-a', alice, new Date(now + 5_000));
    now += 5_000;
    expect(cache.get('hash-a')).toBeUndefined();
    cache.keep(cache.begin(), 'hash-a', alice, new Date(now - 1));
    expect(cache.size).toBe(0);
  });

  it('forgets a session on its notification, and every session of a user on the user’s', async () => {
    const { cache, notify } = await started();
    cache.keep(cache.begin(), 'hash-a', alice, FAR);
    cache.keep(cache.begin(), 'hash-b', alicePhone, FAR);
    cache.keep(cache.begin(), 'hash-c', bob, FAR);
    notify().onMessage('s:session-b');
    expect(cache.get('hash-b')).toBeUndefined();
    expect(cache.get('hash-a')).toEqual(alice);
    notify().onMessage('u:alice');
    expect(cache.get('hash-a')).toBeUndefined();
    expect(cache.get('hash-c')).toEqual(bob);
    notify().onMessage('something else');
    expect(cache.size).toBe(0);
  });

  it('does not keep what a read found when a notification came while it read', async () => {
    const { cache, notify } = await started();
    const mark = cache.begin();
    notify().onMessage('s:some-other-session');
    cache.keep(mark, 'hash-a', alice, FAR);
    expect(cache.get('hash-a')).toBeUndefined();
    cache.forgetSession('session-z');
    cache.keep(cache.begin(), 'hash-a', alice, FAR);
    expect(cache.get('hash-a')).toEqual(alice);
  });

  it('keeps nothing while notifications may be missed, and nothing from before once they resume', async () => {
    const { cache, notify } = await started();
    cache.keep(cache.begin(), 'hash-a', alice, FAR);
    notify().onInterrupted();
    expect(cache.get('hash-a')).toBeUndefined();
    cache.keep(cache.begin(), 'hash-a', alice, FAR);
    expect(cache.size).toBe(0);
    const mark = cache.begin();
    notify().onResumed();
    cache.keep(mark, 'hash-a', alice, FAR);
    expect(cache.size).toBe(0);
    cache.keep(cache.begin(), 'hash-a', alice, FAR);
    expect(cache.get('hash-a')).toEqual(alice);
  });

  it('keeps nothing before it listens, nor after it closed', async () => {
    const { db } = fakeDatabase();
    const cache = new SessionCache(60_000);
    cache.keep(cache.begin(), 'hash-a', alice, FAR);
    expect(cache.size).toBe(0);
    await cache.start(db);
    cache.keep(cache.begin(), 'hash-a', alice, FAR);
    expect(cache.size).toBe(1);
    await cache.close();
    expect(cache.get('hash-a')).toBeUndefined();
    cache.keep(cache.begin(), 'hash-a', alice, FAR);
    expect(cache.size).toBe(0);
  });

  it('holds at most its capacity, dropping the session kept longest ago', async () => {
    const { db } = fakeDatabase();
    const cache = new SessionCache(60_000, 2);
    await cache.start(db);
    cache.keep(cache.begin(), 'hash-a', alice, FAR);
    cache.keep(cache.begin(), 'hash-b', alicePhone, FAR);
    cache.keep(cache.begin(), 'hash-c', bob, FAR);
    expect(cache.get('hash-a')).toBeUndefined();
    expect(cache.get('hash-c')).toEqual(bob);
    cache.forgetSession('session-a');
    expect(cache.size).toBe(2);
  });
});
