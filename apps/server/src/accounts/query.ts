/**
 * The transactions routes' query strings: the contracts' schema narrowed to what PostgreSQL takes as a
 * parameter — text without NUL characters, and calendar days from year 1 (an ISO date may say 0000).
 */
import { Language, TransactionsQuery } from '@passbook/contracts';

/** A day that exists, from 0001-01-01 on: `Date.parse` alone takes 2024-02-31 (as March 2) and year 0. */
export function isCalendarDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date) && !date.startsWith('0000');
}

const withoutNul = (text: string) => !text.includes('\u0000');
const { q, from, to } = TransactionsQuery.shape;

export const TransactionsPageQuery = TransactionsQuery.extend({
  q: q.unwrap().refine(withoutNul, 'must not contain NUL characters').optional(),
  from: from.unwrap().refine(isCalendarDate, 'must be a day from year 1 on').optional(),
  to: to.unwrap().refine(isCalendarDate, 'must be a day from year 1 on').optional(),
});

export const TransactionsExportQuery = TransactionsPageQuery.omit({ cursor: true, limit: true }).extend({
  /** The language of the header row (and of the file's name). */
  language: Language.optional(),
});
