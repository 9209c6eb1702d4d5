/**
 * The account's closing balance per day as a line over a soft area, drawn in plain SVG. The figure is
 * described in words (start, end, lowest, highest) for anyone who cannot see it; pointing at it shows the
 * balance on a given day.
 */
import type { BalancePoint } from '@passbook/contracts';
import { type PointerEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { useBalanceHistory } from '../api/queries.ts';
import { describeApiFailure } from '../errors/describe.ts';
import { formatCalendarDate, formatMoney } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from '../ui/Button.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';

const WIDTH = 800;
const HEIGHT = 220;
const PAD_Y = 12;
/** More points than pixels only slows drawing: long histories keep each bucket's last closing balance. */
const MAX_POINTS = 400;

export function downsample(points: readonly BalancePoint[], max = MAX_POINTS): BalancePoint[] {
  if (points.length <= max) return [...points];
  const size = points.length / max;
  const result: BalancePoint[] = [];
  for (let bucket = 0; bucket < max; bucket++) {
    const point = points[Math.min(points.length - 1, Math.floor((bucket + 1) * size) - 1)];
    if (point) result.push(point);
  }
  const first = points[0];
  if (first && result[0] !== first) result.unshift(first);
  return result;
}

export interface ChartSummary {
  first: BalancePoint;
  last: BalancePoint;
  min: BalancePoint;
  max: BalancePoint;
}

export function summarize(points: readonly BalancePoint[]): ChartSummary | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;
  let min = first;
  let max = first;
  for (const point of points) {
    if (point.balance < min.balance) min = point;
    if (point.balance > max.balance) max = point;
  }
  return { first, last, min, max };
}

function dayNumber(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;
}

/** `card`: the balance is what is owed on a card or line of credit, and the chart says so. */
export function BalanceChart({
  accountId,
  currency,
  card = false,
}: {
  accountId: string;
  currency: string;
  card?: boolean;
}) {
  const { t, locale } = useI18n();
  const title = card ? t('chart.titleOwed') : t('chart.title');
  const history = useBalanceHistory(accountId);
  const titleId = useId();
  const summaryId = useId();
  const fillId = `${titleId.replace(/[^\w-]/g, '')}-fill`;
  const points = history.data?.points ?? [];
  const chartCurrency = history.data?.currency ?? currency;
  const summary = useMemo(() => summarize(points), [points]);
  const drawn = useMemo(() => downsample(points), [points]);
  const [hover, setHover] = useState<BalancePoint | null>(null);

  const money = (minor: number) => formatMoney(minor, chartCurrency, locale);
  const date = (iso: string) => formatCalendarDate(iso, locale);

  let body: ReactNode;
  if (history.isPending) {
    body = <div className="h-32 rounded-xl sm:h-40 bg-slate-100 motion-safe:animate-pulse" />;
  } else if (history.isError) {
    body = (
      <ProblemMessage problem={describeApiFailure(history.error)}>
        <Button onClick={() => void history.refetch()}>{t('action.tryAgain')}</Button>
      </ProblemMessage>
    );
  } else if (!summary || drawn.length < 2) {
    body = <p className="py-8 text-center text-slate-600">{t('chart.empty')}</p>;
  } else {
    const x0 = dayNumber(summary.first.date);
    const span = Math.max(1, dayNumber(summary.last.date) - x0);
    const low = summary.min.balance;
    const high = summary.max.balance === low ? low + 1 : summary.max.balance;
    const x = (point: BalancePoint) => ((dayNumber(point.date) - x0) / span) * WIDTH;
    const y = (balance: number) => PAD_Y + (1 - (balance - low) / (high - low)) * (HEIGHT - 2 * PAD_Y);
    const line = drawn
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p).toFixed(1)},${y(p.balance).toFixed(1)}`)
      .join('');
    const area = `${line}L${WIDTH},${HEIGHT}L0,${HEIGHT}Z`;
    const text = t('chart.summary', {
      start: money(summary.first.balance),
      startDate: date(summary.first.date),
      end: money(summary.last.balance),
      endDate: date(summary.last.date),
      min: money(summary.min.balance),
      max: money(summary.max.balance),
    });

    const onPointer = (event: PointerEvent<SVGSVGElement>) => {
      const box = event.currentTarget.getBoundingClientRect();
      const target = x0 + ((event.clientX - box.left) / box.width) * span;
      let nearest = drawn[0] ?? null;
      for (const point of drawn) {
        if (
          nearest &&
          Math.abs(dayNumber(point.date) - target) < Math.abs(dayNumber(nearest.date) - target)
        ) {
          nearest = point;
        }
      }
      setHover(nearest);
    };

    body = (
      <figure className="m-0">
        <div className="relative">
          <div
            className="pointer-events-none absolute top-0 left-0 text-xs text-slate-600"
            aria-hidden="true"
          >
            <span className="amount rounded bg-white/85 px-1">{money(high)}</span>
          </div>
          <div
            className="pointer-events-none absolute bottom-0 left-0 text-xs text-slate-600"
            aria-hidden="true"
          >
            <span className="amount rounded bg-white/85 px-1">{money(low)}</span>
          </div>
          <svg
            role="img"
            aria-describedby={summaryId}
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            preserveAspectRatio="none"
            className="block h-32 w-full touch-pan-y sm:h-40"
            onPointerMove={onPointer}
            onPointerLeave={() => setHover(null)}
          >
            <title>{title}</title>
            <defs>
              <linearGradient id={fillId} x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor="var(--color-brand-600)" stopOpacity="0.22" />
                <stop offset="100%" stopColor="var(--color-brand-600)" stopOpacity="0.02" />
              </linearGradient>
            </defs>
            {low < 0 && high > 0 ? (
              <line
                x1="0"
                x2={WIDTH}
                y1={y(0)}
                y2={y(0)}
                stroke="#94a3b8"
                strokeDasharray="4 4"
                vectorEffect="non-scaling-stroke"
              />
            ) : null}
            <path d={area} fill={`url(#${fillId})`} />
            <path
              d={line}
              fill="none"
              stroke="var(--color-brand-700)"
              strokeWidth="2"
              strokeLinejoin="round"
              vectorEffect="non-scaling-stroke"
            />
            {hover ? (
              <line
                x1={x(hover)}
                x2={x(hover)}
                y1="0"
                y2={HEIGHT}
                stroke="var(--color-brand-800)"
                strokeWidth="1"
                vectorEffect="non-scaling-stroke"
              />
            ) : null}
          </svg>
          {hover ? (
            <div
              className="pointer-events-none absolute top-2 rounded-lg bg-slate-900 px-2.5 py-1.5 text-xs text-white shadow"
              style={{ left: `min(calc(${(x(hover) / WIDTH) * 100}% + 8px), calc(100% - 10rem))` }}
              aria-hidden="true"
            >
              <span className="block">{date(hover.date)}</span>
              <span className="amount block font-semibold">{money(hover.balance)}</span>
            </div>
          ) : null}
        </div>
        <div className="mt-1 flex justify-between text-xs text-slate-600" aria-hidden="true">
          <span>{date(summary.first.date)}</span>
          <span>{date(summary.last.date)}</span>
        </div>
        <figcaption id={summaryId} className="mt-3 text-sm text-slate-700">
          {text}
        </figcaption>
      </figure>
    );
  }

  return (
    <section
      aria-labelledby={titleId}
      className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
    >
      <h2 id={titleId} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-4">{body}</div>
    </section>
  );
}
