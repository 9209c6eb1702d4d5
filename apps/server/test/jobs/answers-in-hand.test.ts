/**
 * The bound on decoded answers held at once: never more places taken than its size, a place given back goes
 * to the job that waited longest, a job that stops waiting (its job ended) takes none, and giving back twice
 * frees one place.
 */
import { describe, expect, it } from 'vitest';
import { AnswersInHand } from '../../src/jobs/answers-in-hand.ts';

const never = new AbortController().signal;

describe('AnswersInHand', () => {
  it('lets no more than its size in at once, and hands each place given back to the longest waiting', async () => {
    const places = new AnswersInHand(2);
    const first = await places.take(never);
    const second = await places.take(never);
    const order: string[] = [];
    const third = places.take(never).then((giveBack) => {
      order.push('third');
      return giveBack;
    });
    const fourth = places.take(never).then((giveBack) => {
      order.push('fourth');
      return giveBack;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect([places.inHand, places.queued, order]).toEqual([2, 2, []]);
    first();
    const giveBackThird = await third;
    expect([places.inHand, places.queued, order]).toEqual([2, 1, ['third']]);
    second();
    const giveBackFourth = await fourth;
    expect(order).toEqual(['third', 'fourth']);
    giveBackThird();
    giveBackFourth();
    expect([places.inHand, places.queued]).toEqual([0, 0]);
  });

  it('drops a job that stops waiting, and counts a place given back twice once', async () => {
    const places = new AnswersInHand(1);
    const held = await places.take(never);
    const stop = new AbortController();
    const waiting = places.take(stop.signal);
    stop.abort(new Error('job stopped'));
    await expect(waiting).rejects.toThrow('job stopped');
    expect(places.queued).toBe(0);
    held();
    held();
    expect(places.inHand).toBe(0);
    const again = await places.take(never);
    expect(places.inHand).toBe(1);
    again();
    await expect(places.take(stop.signal)).rejects.toThrow('job stopped');
  });
});
