/**
 * Calendar days as integers (days since 1970-01-01), which keeps a year of daily simulation cheap. Dates are
 * those of the toolbox bank's time zone (Montréal), so "today" is the bank's today.
 */

export type Day = number;

const MS_PER_DAY = 86_400_000;
export const BANK_TIME_ZONE = 'America/Toronto';

const bankDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: BANK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The bank's calendar day at an instant. */
export function dayAt(timestampMs: number): Day {
  return parseDay(bankDateFormat.format(timestampMs));
}

export function parseDay(isoDate: string): Day {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY);
}

const formatted = new Map<Day, string>();

/** `YYYY-MM-DD`, memoised: a large history formats the same few hundred days tens of thousands of times. */
export function formatDay(day: Day): string {
  let text = formatted.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    formatted.set(day, text);
  }
  return text;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return (day + 4) % 7;
}

export function dayOfMonth(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCDate();
}

/** 1 = January … 12 = December. */
export function monthOf(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCMonth() + 1;
}

export function isLastDayOfMonth(day: Day): boolean {
  return dayOfMonth(day + 1) === 1;
}

/**
 * Flinks' `LastRefresh`: UTC, no `Z`, seven fractional digits (e.g. `2019-05-09T13:47:46.5227901`). The four
 * digits beyond the millisecond come from `subMillisecond` so that the value is stable for a given refresh.
 */
export function formatLastRefresh(timestampMs: number, subMillisecond: number): string {
  const iso = new Date(timestampMs).toISOString();
  return `${iso.slice(0, 23)}${String(Math.abs(subMillisecond) % 10_000).padStart(4, '0')}`;
}
