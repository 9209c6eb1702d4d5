/**
 * Money, dates and durations for people, through Intl only. Money arrives as integer minor units and is
 * handed to Intl as an exact decimal string, so no amount is ever rounded through a binary fraction.
 */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  create: () => T,
): T {
  let value = cache.get(key);
  if (!value) {
    value = create();
    cache.set(key, value);
  }
  return value as T;
}

export interface MoneyOptions {
  /** `always` writes + before credits; `exceptZero` keeps 0 unsigned. */
  signDisplay?: 'auto' | 'always' | 'exceptZero' | 'never';
  /** Short, for a chart's axis: $12K, 1,2 k$. */
  compact?: boolean;
}

function currencyFormat(locale: string, currency: string, options: MoneyOptions): Intl.NumberFormat {
  const signDisplay = options.signDisplay ?? 'auto';
  const compact = options.compact === true;
  return memo(
    `money|${locale}|${currency}|${signDisplay}|${compact}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        signDisplay,
        ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
      }),
  );
}

/** How many digits the currency's minor unit has: 2 for CAD and USD, 0 for JPY, 3 for BHD. */
export function minorDigits(currency: string): number {
  return currencyFormat('en', currency, {}).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Writes integer minor units as an exact decimal string: 123456 with 2 digits → "1234.56". */
export function minorToDecimal(minor: number, digits: number): `${number}` {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Not an integer amount of minor units: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const units = Math.abs(minor).toString();
  if (digits === 0) return `${sign}${units}` as `${number}`;
  const padded = units.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}` as `${number}`;
}

export function formatMoney(
  minor: number,
  currency: string,
  locale: string,
  options: MoneyOptions = {},
): string {
  return currencyFormat(locale, currency, options).format(minorToDecimal(minor, minorDigits(currency)));
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Formats a bank's calendar date (`YYYY-MM-DD`). It names a day, not an instant, so it is formatted in UTC
 * where it was built: the day never shifts with the reader's time zone.
 */
export function formatCalendarDate(
  isoDate: string,
  locale: string,
  style: 'short' | 'medium' | 'long' = 'medium',
): string {
  const match = CALENDAR_DATE.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return memo(
    `date|${locale}|${style}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }),
  ).format(date);
}

/** An instant (ISO 8601), in the reader's own time zone; `seconds` tells apart two close instants. */
export function formatDateTime(iso: string, locale: string, seconds = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const timeStyle = seconds ? 'medium' : 'short';
  return memo(
    `datetime|${locale}|${timeStyle}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle }),
  ).format(date);
}

/**
 * When Passbook tries again, as a person reads a time: the day relative to `now` (today, tomorrow, or later)
 * and the clock time, in the reader's time zone (or `timeZone`). French writes 24-hour times ("14 h 00").
 */
export function formatRetryTime(
  iso: string,
  now: number,
  locale: string,
  timeZone?: string,
): { day: 'today' | 'tomorrow' | 'later'; time: string; date: string } {
  const at = new Date(iso);
  const zone = timeZone === undefined ? {} : { timeZone };
  const time = memo(
    `retry-time|${locale}|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        hour: 'numeric',
        minute: '2-digit',
        ...(locale.startsWith('fr') ? { hourCycle: 'h23' as const } : {}),
        ...zone,
      }),
  )
    .format(at)
    // "15 h 37" is one thing to read: it never breaks across lines.
    .replace(/ /g, '\u00a0');
  const date = memo(
    `retry-date|${locale}|${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', ...zone }),
  ).format(at);
  const dayOf = (instant: number) =>
    memo(
      `retry-day|${timeZone ?? ''}`,
      () => new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', ...zone }),
    ).format(new Date(instant));
  const target = dayOf(at.getTime());
  const day = target === dayOf(now) ? 'today' : target === dayOf(now + 86_400_000) ? 'tomorrow' : 'later';
  return { day, time, date };
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago", "yesterday", "just now" style, in the given language. */
export function formatRelative(iso: string, now: number, locale: string): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  const format = memo(`relative|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** Elapsed time as minutes and seconds ("2 min 05 s"), in the given language. */
export function formatElapsed(totalSeconds: number, locale: string): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const unit = (name: 'hour' | 'minute' | 'second') =>
    memo(
      `unit|${locale}|${name}`,
      () => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }),
    );
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(unit('hour').format(h));
  if (h > 0 || m > 0) parts.push(unit('minute').format(m));
  parts.push(unit('second').format(s));
  return parts.join(' ');
}

export function formatNumber(value: number, locale: string): string {
  return memo(`number|${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/** A calendar month (`YYYY-MM`) as "November 2026", in UTC like calendar dates. */
export function formatMonth(isoMonth: string, locale: string, style: 'long' | 'short' = 'long'): string {
  const match = /^(\d{4})-(\d{2})$/.exec(isoMonth);
  if (!match) return isoMonth;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return memo(
    `month|${locale}|${style}`,
    () => new Intl.DateTimeFormat(locale, { month: style, year: 'numeric', timeZone: 'UTC' }),
  ).format(date);
}

/** A signed change as a percentage ("+12 %", "−5 %"), whole percents. */
export function formatChange(ratio: number, locale: string): string {
  return memo(
    `change|${locale}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'percent',
        signDisplay: 'exceptZero',
        maximumFractionDigits: 0,
      }),
  ).format(ratio);
}
