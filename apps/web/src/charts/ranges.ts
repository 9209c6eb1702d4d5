/**
 * The periods a chart over time can show, counted back from its latest point (not from today: a history that
 * stopped a while ago still shows its last month), and the points that fall in one.
 */
import { useNavigate, useSearch } from '@tanstack/react-router';

export const CHART_RANGES = ['1m', '3m', '1y', 'all'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];
export const DEFAULT_RANGE: ChartRange = '1y';

export interface SeriesPoint {
  /** A calendar day, `YYYY-MM-DD`. */
  date: string;
  /** Minor units. */
  value: number;
}

const MONTHS: Record<Exclude<ChartRange, 'all'>, number> = { '1m': 1, '3m': 3, '1y': 12 };

/** The first day of `range` ending on `lastDate`; the same day of the month, clamped to the month's length. */
export function rangeStart(lastDate: string, range: Exclude<ChartRange, 'all'>): string {
  const [year, month, day] = lastDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 - MONTHS[range], 1));
  const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastOfMonth));
  return target.toISOString().slice(0, 10);
}

/**
 * The points of `range`, oldest first. When the history begins before the range, the range opens on its first
 * day with the value carried from the last point before it, so the line starts where the period starts.
 */
export function pointsInRange(points: readonly SeriesPoint[], range: ChartRange): SeriesPoint[] {
  const last = points[points.length - 1];
  if (!last || range === 'all') return [...points];
  const start = rangeStart(last.date, range);
  const inside = points.filter((point) => point.date >= start);
  const before = points.filter((point) => point.date < start).at(-1);
  if (before && inside[0]?.date !== start) inside.unshift({ date: start, value: before.value });
  return inside;
}

/**
 * The range kept in the address (`?range=`, validated by the dashboard's and the account page's routes), and a
 * way to change it in place: a view's setting, kept for reload and sharing, with no history entry and no
 * scroll to the top.
 */
export function useChartRange(): [ChartRange, (range: ChartRange) => void] {
  const range = useSearch({ strict: false }).range ?? DEFAULT_RANGE;
  const navigate = useNavigate();
  return [
    range,
    (next) =>
      void navigate({
        to: '.',
        search: (prev) => ({ ...prev, range: next === DEFAULT_RANGE ? undefined : next }),
        replace: true,
        resetScroll: false,
      }),
  ];
}
