/**
 * The drawing of a TimeChart, with uPlot on a canvas: a line over a soft area, the axes, a dashed zero line
 * when the values cross it, and the value of the day under the pointer. Its colours are read from the page's
 * CSS variables when it draws, and it draws again when the page's colour scheme changes.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatCalendarDate, formatMoney } from '../i18n/format.ts';
import type { SeriesPoint } from './ranges.ts';

const seconds = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 1000;
const isoDay = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString().slice(0, 10);

/**
 * A CSS colour variable as the canvas can use it, optionally see-through: resolved by the page itself on a
 * hidden probe, so whatever the palette says (light or dark) is what is drawn.
 */
function cssColor(probe: HTMLElement, variable: string, opacity = 1): string {
  probe.style.color =
    opacity === 1
      ? `var(${variable})`
      : `color-mix(in srgb, var(${variable}) ${Math.round(opacity * 100)}%, transparent)`;
  return getComputedStyle(probe).color;
}

function shortDate(unixSeconds: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    unixSeconds * 1000,
  );
}

function compactMoney(minor: number, currency: string, locale: string): string {
  return formatMoney(minor, currency, locale, { compact: true });
}

/** Calls `onChange` when the page's colours may have changed: the system's scheme, or the page's own. */
function useSchemeChanges(onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const notify = () => latest.current();
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    media?.addEventListener('change', notify);
    const observer = new MutationObserver(notify);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['class', 'data-theme', 'style'],
    });
    return () => {
      media?.removeEventListener('change', notify);
      observer.disconnect();
    };
  }, []);
}

export default function TimeChartCanvas({
  points,
  currency,
  locale,
  height,
}: {
  points: readonly SeriesPoint[];
  currency: string;
  locale: string;
  height: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const [scheme, setScheme] = useState(0);
  const [hover, setHover] = useState<{ point: SeriesPoint; left: number } | null>(null);
  useSchemeChanges(() => setScheme((n) => n + 1));

  // biome-ignore lint/correctness/useExhaustiveDependencies: `scheme` draws again with a new scheme's colours.
  useEffect(() => {
    const target = container.current;
    const colours = probe.current;
    if (!target || !colours) return;
    const line = cssColor(colours, '--color-brand-700');
    const text = cssColor(colours, '--color-slate-600');
    const grid = cssColor(colours, '--color-slate-200');
    const zero = cssColor(colours, '--color-slate-400');
    const fillTop = cssColor(colours, '--color-brand-600', 0.22);
    const fillBottom = cssColor(colours, '--color-brand-600', 0.02);
    const xs = points.map((point) => seconds(point.date));
    const ys = points.map((point) => point.value);
    const axisFont = `12px ${getComputedStyle(target).fontFamily}`;

    const chart = new uPlot(
      {
        width: Math.max(1, target.clientWidth),
        height,
        legend: { show: false },
        cursor: { y: false, points: { show: false }, drag: { x: false, y: false } },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true } },
        series: [
          {},
          {
            stroke: line,
            width: 2,
            points: { show: false },
            fill: (u) => {
              const gradient = u.ctx.createLinearGradient(0, u.bbox.top, 0, u.bbox.top + u.bbox.height);
              gradient.addColorStop(0, fillTop);
              gradient.addColorStop(1, fillBottom);
              return gradient;
            },
          },
        ],
        axes: [
          {
            stroke: text,
            font: axisFont,
            grid: { show: false },
            ticks: { stroke: grid },
            values: (_u, splits) => splits.map((split) => shortDate(split, locale)),
          },
          {
            stroke: text,
            font: axisFont,
            size: 72,
            grid: { stroke: grid, width: 1 },
            ticks: { show: false },
            values: (_u, splits) => splits.map((split) => compactMoney(split, currency, locale)),
          },
        ],
        hooks: {
          draw: [
            (u) => {
              const [low, high] = [u.scales.y?.min ?? 0, u.scales.y?.max ?? 0];
              if (!(low < 0 && high > 0)) return;
              const y = Math.round(u.valToPos(0, 'y', true));
              const { ctx } = u;
              ctx.save();
              ctx.strokeStyle = zero;
              ctx.setLineDash([4, 4]);
              ctx.beginPath();
              ctx.moveTo(u.bbox.left, y);
              ctx.lineTo(u.bbox.left + u.bbox.width, y);
              ctx.stroke();
              ctx.restore();
            },
          ],
          setCursor: [
            (u) => {
              const index = u.cursor.idx;
              const x = index === null || index === undefined ? undefined : u.data[0][index];
              const value = index === null || index === undefined ? undefined : u.data[1]?.[index];
              if (x === undefined || value === undefined || value === null) {
                setHover(null);
                return;
              }
              setHover({
                point: { date: isoDay(x), value },
                left: u.over.offsetLeft + u.valToPos(x, 'x'),
              });
            },
          ],
        },
      },
      [xs, ys],
      target,
    );
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(1, target.clientWidth), height }),
    );
    resize.observe(target);
    return () => {
      resize.disconnect();
      chart.destroy();
      setHover(null);
    };
  }, [points, currency, locale, height, scheme]);

  return (
    <div className="relative" aria-hidden="true">
      <span ref={probe} hidden />
      <div ref={container} className="w-full touch-pan-y" style={{ height }} />
      {hover ? (
        <div
          className="pointer-events-none absolute top-2 rounded-lg bg-slate-900 px-2.5 py-1.5 text-xs text-white shadow"
          style={{ left: `min(${hover.left + 8}px, calc(100% - 10rem))` }}
        >
          <span className="block">{formatCalendarDate(hover.point.date, locale)}</span>
          <span className="amount block font-semibold">
            {formatMoney(hover.point.value, currency, locale)}
          </span>
        </div>
      ) : null}
    </div>
  );
}
