import { describe, expect, it } from 'vitest';
import { downsample, summarize } from '../../src/accounts/BalanceChart.tsx';

const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
const series = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ date: day(i), balance: (i % 97) * 100 - 2000 }));

describe('balance chart data', () => {
  it('keeps short histories as they are', () => {
    expect(downsample(series(10), 400)).toEqual(series(10));
  });

  it('thins long histories to the limit, keeping the first and last day', () => {
    const points = series(5000);
    const drawn = downsample(points, 400);
    expect(drawn.length).toBeLessThanOrEqual(401);
    expect(drawn[0]).toEqual(points[0]);
    expect(drawn[drawn.length - 1]).toEqual(points[points.length - 1]);
    const dates = drawn.map((p) => p.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('summarises from the full history, not the thinned one', () => {
    const points = series(5000);
    const summary = summarize(points);
    expect(summary?.min.balance).toBe(-2000);
    expect(summary?.max.balance).toBe(96 * 100 - 2000);
    expect(summary?.first).toEqual(points[0]);
    expect(summary?.last).toEqual(points[4999]);
    expect(summarize([])).toBeNull();
  });
});
