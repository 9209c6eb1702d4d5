/**
 * A value over time with its period (1M, 3M, 1Y, all; kept in the address): the range buttons, the drawing
 * (uPlot, loaded on its own after the page has painted) and the same figure said in words, which changes with
 * the range and is announced when it does.
 */
import { lazy, type ReactNode, Suspense, useId, useMemo } from 'react';
import { formatCalendarDate, formatMoney } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Skeleton } from '../ui/Loading.tsx';
import { useMediaQuery } from '../ui/useMediaQuery.ts';
import { CHART_RANGES, pointsInRange, type SeriesPoint, useChartRange } from './ranges.ts';
import { downsample, summarize } from './series.ts';

const TimeChartCanvas = lazy(() => import('./TimeChartCanvas.tsx'));

/** Low enough that the page's own content (an account's transactions) starts on the first screen. */
const CHART_HEIGHT = { narrow: 128, wide: 160 };

function Placeholder() {
  return <Skeleton className="h-32 sm:h-40" />;
}

export function TimeChart({
  title,
  points,
  currency,
  empty,
  heading,
}: {
  /** The chart's name, as the heading above it says it. */
  title: string;
  points: readonly SeriesPoint[];
  currency: string;
  /** Said when the range holds no point. */
  empty: string;
  /** The chart's heading, put on one line with the range buttons where there is room. */
  heading?: ReactNode;
}) {
  const { t, locale } = useI18n();
  const wide = useMediaQuery('(min-width: 640px)');
  const [range, setRange] = useChartRange();
  const summaryId = useId();
  const shown = useMemo(() => pointsInRange(points, range), [points, range]);
  const summary = useMemo(() => summarize(shown), [shown]);
  const drawn = useMemo(() => downsample(shown), [shown]);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const date = (iso: string) => formatCalendarDate(iso, locale);

  let text = empty;
  if (summary && shown.length === 1) {
    text = t('chart.single', { value: money(summary.last.value), date: date(summary.last.date) });
  } else if (summary) {
    text = t('chart.summary', {
      start: money(summary.first.value),
      startDate: date(summary.first.date),
      end: money(summary.last.value),
      endDate: date(summary.last.date),
      min: money(summary.min.value),
      max: money(summary.max.value),
    });
  }

  return (
    <figure className="m-0">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-3">
        {heading}
        <fieldset className="flex flex-wrap gap-1">
          <legend className="sr-only">{t('chart.range.label')}</legend>
          {CHART_RANGES.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={option === range}
              aria-label={t(`chart.range.${option}.name`)}
              onClick={() => setRange(option)}
              className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg px-3 text-sm font-semibold text-brand-700 ring-1 ring-slate-300 ring-inset hover:bg-brand-50 aria-pressed:bg-brand-700 aria-pressed:text-white aria-pressed:ring-brand-700"
            >
              {t(`chart.range.${option}`)}
            </button>
          ))}
        </fieldset>
      </div>
      <div className="mt-4">
        {drawn.length >= 2 ? (
          <div role="img" aria-label={title} aria-describedby={summaryId}>
            <Suspense fallback={<Placeholder />}>
              <TimeChartCanvas
                points={drawn}
                currency={currency}
                locale={locale}
                height={wide ? CHART_HEIGHT.wide : CHART_HEIGHT.narrow}
              />
            </Suspense>
          </div>
        ) : null}
      </div>
      <figcaption id={summaryId} aria-live="polite" className="mt-3 text-sm text-slate-700">
        {t(`chart.period.${range}`)} {text}
      </figcaption>
    </figure>
  );
}
