/**
 * The filters of the transactions table, as query parameters: the same ones for the pages on screen and for
 * the CSV and OFX exports, so the file holds exactly what the table shows.
 */
import type { Language } from '@passbook/contracts';

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
  const query = transactionsSearchParams(filters);
  query.set('language', language);
  return `/api/accounts/${encodeURIComponent(accountId)}/transactions.${format}?${query}`;
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
  return transactionsSearchParams(filters).toString() !== '';
}

/** A range whose start is after its end matches nothing: the form says so instead of asking. */
export function isBackwardRange(filters: TransactionFilters): boolean {
  return CALENDAR_DATE.test(filters.from) && CALENDAR_DATE.test(filters.to) && filters.from > filters.to;
}
