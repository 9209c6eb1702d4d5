/** What a chart over time draws and says: a series thinned to what a screen can show, and its summary. */
import type { SeriesPoint } from './ranges.ts';

/** More points than pixels only slows drawing: long histories keep each bucket's last value. */
const MAX_POINTS = 600;

export function downsample(points: readonly SeriesPoint[], max = MAX_POINTS): SeriesPoint[] {
  if (points.length <= max) return [...points];
  const size = points.length / max;
  const result: SeriesPoint[] = [];
  for (let bucket = 0; bucket < max; bucket++) {
    const point = points[Math.min(points.length - 1, Math.floor((bucket + 1) * size) - 1)];
    if (point) result.push(point);
  }
  const first = points[0];
  if (first && result[0] !== first) result.unshift(first);
  return result;
}

export interface SeriesSummary {
  first: SeriesPoint;
  last: SeriesPoint;
  min: SeriesPoint;
  max: SeriesPoint;
}

export function summarize(points: readonly SeriesPoint[]): SeriesSummary | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;
  let min = first;
  let max = first;
  for (const point of points) {
    if (point.value < min.value) min = point;
    if (point.value > max.value) max = point;
  }
  return { first, last, min, max };
}
