/**
 * Turns of the event loop for the CPU-bound steps of concurrent jobs: each step runs in a turn of its own, so
 * that what became ready meanwhile (a due timer, a request) runs between two steps rather than after all of
 * them; every step gets its turn, in the order it asked, steps that finish a job before those that start one.
 */
import { describe, expect, it } from 'vitest';
import { Turns } from '../../src/jobs/turns.ts';

/** Keeps the thread busy for `ms`, as decoding a large answer does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('Turns', () => {
  it('runs a timer that fell due during one step before the next step', async () => {
    const turns = new Turns();
    const order: string[] = [];
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        order.push('timer');
        resolve();
      }, 1),
    );
    const steps = Promise.all([
      turns.take('start').then(() => {
        order.push('first step');
        busy(5);
      }),
      turns.take('start').then(() => order.push('second step')),
    ]);
    await Promise.all([steps, timer]);
    expect(order).toEqual(['first step', 'timer', 'second step']);
  });

  it('gives every step its turn, finishing steps first, each kind in the order it asked', async () => {
    const turns = new Turns();
    const order: number[] = [];
    const count = 3_000;
    const steps = Array.from({ length: count }, (_, index) =>
      turns.take(index % 2 === 0 ? 'start' : 'finish').then(() => order.push(index)),
    );
    expect(turns.pending).toBe(count);
    await Promise.all(steps);
    const odd = Array.from({ length: count / 2 }, (_, index) => 2 * index + 1);
    const even = Array.from({ length: count / 2 }, (_, index) => 2 * index);
    expect(order).toEqual([...odd, ...even]);
    expect(turns.pending).toBe(0);
  });

  it('serves a step that asks after the queue emptied', async () => {
    const turns = new Turns();
    await turns.take('finish');
    await turns.take('start');
    expect(turns.pending).toBe(0);
  });

  it('lets a job being finished go before answers that arrived earlier', async () => {
    const turns = new Turns();
    const order: string[] = [];
    const decodes = [1, 2, 3].map((n) => turns.take('start').then(() => order.push(`decode ${n}`)));
    const store = turns.take('finish').then(() => order.push('store'));
    await Promise.all([...decodes, store]);
    expect(order).toEqual(['store', 'decode 1', 'decode 2', 'decode 3']);
  });
});
