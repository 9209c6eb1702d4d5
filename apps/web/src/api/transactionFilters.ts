/**
 * The filters of the transactions table, as query parameters: the same ones for the pages on screen and for
 * the CSV and OFX exports, so the file holds exactly what the table shows.
 */
import type { Language } from '@passbook/contracts';
import { routes } from '@passbook/contracts/routes';
import { routeHref } from './client.ts';

export interface TransactionFilters {
  /** Free text matched against descriptions. */
  q: string;
  /** Calendar dates `YYYY-MM-DD`, inclusive; empty means unbounded. */
  from: string;
  to: string;
}

export const NO_FILTERS: TransactionFilters = { q: '', from: '', to: '' };

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters as the transactions routes' query: blank search and malformed dates are left out. */
export function filtersQuery(filters: TransactionFilters): { q?: string; from?: string; to?: string } {
  const q = filters.q.trim();
  return {
    ...(q ? { q: q.slice(0, 200) } : {}),
    ...(CALENDAR_DATE.test(filters.from) ? { from: filters.from } : {}),
    ...(CALENDAR_DATE.test(filters.to) ? { to: filters.to } : {}),
  };
}

/** Only meaningful filters become parameters (of the page's own address too). */
export function transactionsSearchParams(filters: TransactionFilters): URLSearchParams {
  return new URLSearchParams(filtersQuery(filters));
}

/**
 * The export of exactly the filtered set, as CSV (headed and named in the page's language) or as OFX for
 * personal-finance software (named in it).
 */
export function transactionsExportUrl(
  accountId: string,
  filters: TransactionFilters,
  language: Language,
  format: 'csv' | 'ofx' = 'csv',
): string {
  const route = format === 'csv' ? routes.transactionsCsv : routes.transactionsOfx;
  return routeHref(route, { params: { id: accountId }, query: { ...filtersQuery(filters), language } });
}

export function transactionsCsvUrl(
  accountId: string,
  filters: TransactionFilters,
  language: Language,
): string {
  return transactionsExportUrl(accountId, filters, language, 'csv');
}

/** The filters an address carries (`?q=&from=&to=`); what is malformed there is left out. */
export function filtersFromQuery(search: string): TransactionFilters {
  const params = new URLSearchParams(search);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    from: CALENDAR_DATE.test(from) ? from : '',
    to: CALENDAR_DATE.test(to) ? to : '',
  };
}

export function hasFilters(filters: TransactionFilters): boolean {
  return Object.keys(filtersQuery(filters)).length > 0;
}

/** A range whose start is after its end matches nothing: the form says so instead of asking. */
export function isBackwardRange(filters: TransactionFilters): boolean {
  return CALENDAR_DATE.test(filters.from) && CALENDAR_DATE.test(filters.to) && filters.from > filters.to;
}
