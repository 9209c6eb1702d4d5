/**
 * The filters of the transactions table, as query parameters: the same ones for the pages on screen and for
 * the CSV export, so the file holds exactly what the table shows.
 */

export interface TransactionFilters {
  /** Free text matched against descriptions. */
  q: string;
  /** Calendar dates `YYYY-MM-DD`, inclusive; empty means unbounded. */
  from: string;
  to: string;
}

export const NO_FILTERS: TransactionFilters = { q: '', from: '', to: '' };

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Only meaningful filters become parameters: blank search and malformed dates are left out. */
export function transactionsSearchParams(filters: TransactionFilters): URLSearchParams {
  const params = new URLSearchParams();
  const q = filters.q.trim();
  if (q) params.set('q', q.slice(0, 200));
  if (CALENDAR_DATE.test(filters.from)) params.set('from', filters.from);
  if (CALENDAR_DATE.test(filters.to)) params.set('to', filters.to);
  return params;
}

export function transactionsCsvUrl(accountId: string, filters: TransactionFilters): string {
  const query = transactionsSearchParams(filters).toString();
  return `/api/accounts/${encodeURIComponent(accountId)}/transactions.csv${query ? `?${query}` : ''}`;
}

export function hasFilters(filters: TransactionFilters): boolean {
  return transactionsSearchParams(filters).toString() !== '';
}

/** A range whose start is after its end matches nothing: the form says so instead of asking. */
export function isBackwardRange(filters: TransactionFilters): boolean {
  return CALENDAR_DATE.test(filters.from) && CALENDAR_DATE.test(filters.to) && filters.from > filters.to;
}
