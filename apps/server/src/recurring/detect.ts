/**
 * Recurring payments found in the history: the same merchant, in the same direction and currency, for a
 * near-same amount, at a regular interval (weekly to yearly). A missed occurrence (a month without the bill)
 * or a moved one (paid a few days early or late) does not break a series; a price that drifts stays one series,
 * while two amounts far apart at one merchant (two subscriptions) are two series.
 */
import type { CategoryKey } from '@passbook/contracts';

export interface HistoryTransaction {
  id: string;
  date: string;
  /** Signed minor units: money in is positive. */
  amount: number;
  currency: string;
  merchant: string;
  category: CategoryKey;
}

export type Cadence = 'weekly' | 'biweekly' | 'monthly' | 'quarterly' | 'yearly';

export interface RecurringSeries {
  /** The series' first transaction: stable as the history grows, so a decision about it sticks. */
  id: string;
  merchant: string;
  category: CategoryKey;
  currency: string;
  direction: 'in' | 'out';
  cadence: Cadence;
  occurrences: number;
  /** Occurrences that were expected between the first and the last but did not come. */
  missed: number;
  lastDate: string;
  /** The typical (median) amount of the last occurrences, unsigned. */
  amount: number;
  nextDate: string;
  nextAmount: number;
}

interface CadenceRule {
  cadence: Cadence;
  days: number;
  /** How far, in days, an occurrence may move from where the cadence puts it. */
  tolerance: number;
  /** Fewer occurrences than this are a coincidence, not a series. */
  minOccurrences: number;
}

const CADENCES: readonly CadenceRule[] = [
  { cadence: 'weekly', days: 7, tolerance: 1, minOccurrences: 4 },
  { cadence: 'biweekly', days: 14, tolerance: 2, minOccurrences: 4 },
  { cadence: 'monthly', days: 365.25 / 12, tolerance: 5, minOccurrences: 3 },
  { cadence: 'quarterly', days: 365.25 / 4, tolerance: 7, minOccurrences: 4 },
  { cadence: 'yearly', days: 365.25, tolerance: 15, minOccurrences: 2 },
];

/**
 * Near-same amounts: a step between two sorted amounts of at most this fraction (or the floor below). Bills
 * follow the seasons (heating) and pay varies with hours, so those are given more room than a subscription.
 */
const AMOUNT_TOLERANCE = 0.2;
const VARYING_AMOUNT_TOLERANCE = 0.6;
const VARYING: readonly CategoryKey[] = ['bills', 'housing', 'income', 'fees'];
const AMOUNT_FLOOR = 300;
/** Largest over smallest amount of one series: a price raised a few times; a bill across the seasons. */
const MAX_SPREAD = 1.5;
const MAX_VARYING_SPREAD = 5;
/** At most one expected occurrence in three may be missing. */
const MAX_MISSED_SHARE = 1 / 3;
/** Transfers between one's own accounts and cash withdrawals repeat without being payments to anyone. */
const NOT_RECURRING: readonly CategoryKey[] = ['transfers', 'cash'];

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
}

/**
 * Splits one merchant's amounts into groups of near-same amounts: walking them from smallest to largest, a
 * step larger than the tolerance starts a new group. A price that drifts by small steps stays one group.
 */
function amountClusters(transactions: HistoryTransaction[]): HistoryTransaction[][] {
  const varying = transactions.every((transaction) => VARYING.includes(transaction.category));
  const tolerance = varying ? VARYING_AMOUNT_TOLERANCE : AMOUNT_TOLERANCE;
  const sorted = [...transactions].sort((a, b) => Math.abs(a.amount) - Math.abs(b.amount));
  const clusters: HistoryTransaction[][] = [];
  let current: HistoryTransaction[] = [];
  let previous = 0;
  for (const transaction of sorted) {
    const size = Math.abs(transaction.amount);
    if (current.length > 0 && size - previous > Math.max(AMOUNT_FLOOR, previous * tolerance)) {
      clusters.push(current);
      current = [];
    }
    current.push(transaction);
    previous = size;
  }
  if (current.length > 0) clusters.push(current);
  return clusters;
}

/** Adds `months` calendar months, keeping the day of the month where the month has it. */
function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

function nextDateAfter(last: string, rule: CadenceRule): string {
  if (rule.cadence === 'monthly') return addMonths(last, 1);
  if (rule.cadence === 'quarterly') return addMonths(last, 3);
  if (rule.cadence === 'yearly') return addMonths(last, 12);
  return dateOf(dayNumber(last) + rule.days);
}

/** How a series of dates fits a cadence: every gap a whole number of periods, give or take the tolerance. */
function fit(days: readonly number[], rule: CadenceRule): { missed: number } | null {
  if (days.length < rule.minOccurrences) return null;
  let missed = 0;
  for (let index = 1; index < days.length; index++) {
    const gap = (days[index] ?? 0) - (days[index - 1] ?? 0);
    const periods = Math.round(gap / rule.days);
    if (periods < 1 || Math.abs(gap - periods * rule.days) > rule.tolerance * periods) return null;
    missed += periods - 1;
  }
  return missed / (days.length - 1 + missed) <= MAX_MISSED_SHARE ? { missed } : null;
}

/**
 * A series' amounts stay near one another end to end, not only step by step: shopping at one store for
 * whatever the basket holds is not a payment that recurs, even when the days happen to line up.
 */
function steadyAmounts(cluster: readonly HistoryTransaction[]): boolean {
  const sizes = cluster.map((transaction) => Math.abs(transaction.amount));
  const varying = cluster.every((transaction) => VARYING.includes(transaction.category));
  const spread = varying ? MAX_VARYING_SPREAD : MAX_SPREAD;
  return Math.max(...sizes) <= Math.max(Math.min(...sizes) * spread, Math.min(...sizes) + AMOUNT_FLOOR);
}

function seriesOf(cluster: HistoryTransaction[]): RecurringSeries | null {
  if (!steadyAmounts(cluster)) return null;
  const ordered = [...cluster].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1,
  );
  // Two on one day are one occurrence for the cadence (a split payment), counted once.
  const days = [...new Set(ordered.map((t) => dayNumber(t.date)))];
  for (const rule of CADENCES) {
    const fitted = fit(days, rule);
    if (!fitted) continue;
    const first = ordered[0];
    const last = ordered.at(-1);
    if (!first || !last) return null;
    const recent = ordered.slice(-3).map((t) => Math.abs(t.amount));
    const amount = median(recent);
    return {
      id: first.id,
      merchant: last.merchant,
      category: last.category,
      currency: last.currency,
      direction: last.amount > 0 ? 'in' : 'out',
      cadence: rule.cadence,
      occurrences: days.length,
      missed: fitted.missed,
      lastDate: last.date,
      amount,
      nextDate: nextDateAfter(last.date, rule),
      nextAmount: Math.abs(last.amount),
    };
  }
  return null;
}

/** The cadence's length in days, for telling a series that ended from one still running. */
const PERIOD_DAYS: Record<Cadence, number> = Object.fromEntries(
  CADENCES.map((rule) => [rule.cadence, rule.days]),
) as Record<Cadence, number>;

/**
 * Every recurring series in `history` still running on `today` (its next occurrence not more than one period
 * overdue), soonest next first.
 */
export function detectRecurring(history: readonly HistoryTransaction[], today: string): RecurringSeries[] {
  const groups = new Map<string, HistoryTransaction[]>();
  for (const transaction of history) {
    if (transaction.amount === 0 || NOT_RECURRING.includes(transaction.category)) continue;
    const key = [
      transaction.merchant.toUpperCase(),
      transaction.amount > 0 ? 'in' : 'out',
      transaction.currency,
    ].join('|');
    const group = groups.get(key) ?? [];
    group.push(transaction);
    groups.set(key, group);
  }
  const found: RecurringSeries[] = [];
  const now = dayNumber(today);
  for (const group of groups.values()) {
    for (const cluster of amountClusters(group)) {
      const series = seriesOf(cluster);
      if (series && dayNumber(series.nextDate) + PERIOD_DAYS[series.cadence] >= now) found.push(series);
    }
  }
  return found.sort((a, b) =>
    a.nextDate < b.nextDate ? -1 : a.nextDate > b.nextDate ? 1 : a.id < b.id ? -1 : 1,
  );
}
