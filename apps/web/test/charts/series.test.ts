import { describe, expect, it } from 'vitest';
import { pointsInRange, rangeStart } from '../../src/charts/ranges.ts';
import { downsample, summarize } from '../../src/charts/series.ts';

const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
const series = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ date: day(i), value: (i % 97) * 100 - 2000 }));

describe('chart series', () => {
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
    expect(summary?.min.value).toBe(-2000);
    expect(summary?.max.value).toBe(96 * 100 - 2000);
    expect(summary?.first).toEqual(points[0]);
    expect(summary?.last).toEqual(points[4999]);
    expect(summarize([])).toBeNull();
  });
});

describe('chart ranges', () => {
  it('counts a range back from the latest point, clamping to shorter months', () => {
    expect(rangeStart('2026-05-31', '3m')).toBe('2026-02-28');
    expect(rangeStart('2026-03-15', '1m')).toBe('2026-02-15');
    expect(rangeStart('2026-01-10', '1y')).toBe('2025-01-10');
    expect(rangeStart('2026-01-10', '1m')).toBe('2025-12-10');
  });

  it('opens a range on its first day with the value carried from before it', () => {
    const points = [
      { date: '2026-01-01', value: 1 },
      { date: '2026-02-20', value: 2 },
      { date: '2026-03-10', value: 3 },
      { date: '2026-03-25', value: 4 },
    ];
    expect(pointsInRange(points, '1m')).toEqual([
      { date: '2026-02-25', value: 2 },
      { date: '2026-03-10', value: 3 },
      { date: '2026-03-25', value: 4 },
    ]);
    expect(pointsInRange(points.slice(1), '1m')[0]).toEqual({ date: '2026-02-25', value: 2 });
    expect(pointsInRange(points, '3m')).toEqual(points);
    expect(pointsInRange(points, 'all')).toEqual(points);
    expect(pointsInRange([], '1y')).toEqual([]);
  });
});
