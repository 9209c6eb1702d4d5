import { describe, expect, it } from 'vitest';
import {
  filtersFromQuery,
  hasFilters,
  isBackwardRange,
  NO_FILTERS,
  transactionsCsvUrl,
  transactionsExportUrl,
  transactionsSearchParams,
} from '../../src/api/transactionFilters.ts';

const ACCOUNT = '0b7d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4';

describe('transaction filters as query parameters', () => {
  it('asks for everything when nothing is filtered', () => {
    expect(transactionsSearchParams(NO_FILTERS).toString()).toBe('');
    expect(transactionsCsvUrl(ACCOUNT, NO_FILTERS, 'en')).toBe(
      `/api/accounts/${ACCOUNT}/transactions.csv?language=en`,
    );
    expect(hasFilters(NO_FILTERS)).toBe(false);
  });

  it('exports exactly the filtered set: search and both dates, encoded', () => {
    const filters = { q: '  café & co ', from: '2026-01-01', to: '2026-01-31' };
    expect(transactionsCsvUrl(ACCOUNT, filters, 'fr')).toBe(
      `/api/accounts/${ACCOUNT}/transactions.csv?q=caf%C3%A9+%26+co&from=2026-01-01&to=2026-01-31&language=fr`,
    );
    expect(hasFilters(filters)).toBe(true);
    expect(transactionsExportUrl(ACCOUNT, filters, 'fr', 'ofx')).toBe(
      `/api/accounts/${ACCOUNT}/transactions.ofx?q=caf%C3%A9+%26+co&from=2026-01-01&to=2026-01-31&language=fr`,
    );
  });

  it('leaves out a blank search and half-typed dates', () => {
    expect(transactionsSearchParams({ q: '   ', from: '2026-01', to: '' }).toString()).toBe('');
  });

  it('keeps searches within the server’s limit', () => {
    expect(transactionsSearchParams({ ...NO_FILTERS, q: 'x'.repeat(500) }).get('q')).toHaveLength(200);
  });

  it('recognises a range that ends before it starts', () => {
    expect(isBackwardRange({ q: '', from: '2026-02-01', to: '2026-01-01' })).toBe(true);
    expect(isBackwardRange({ q: '', from: '2026-01-01', to: '2026-01-01' })).toBe(false);
    expect(isBackwardRange({ q: '', from: '2026-02-01', to: '' })).toBe(false);
  });

  it('reads the filters an address carries, and leaves out what is malformed there', () => {
    expect(filtersFromQuery('?q=caf%C3%A9+%26+co&from=2026-01-01&to=2026-01-31')).toEqual({
      q: 'café & co',
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(filtersFromQuery('?from=yesterday&to=2026-1-1&other=1')).toEqual(NO_FILTERS);
    expect(filtersFromQuery(`?q=${'x'.repeat(500)}`).q).toHaveLength(200);
    const filters = { q: 'hydro', from: '2026-02-01', to: '' };
    expect(filtersFromQuery(`?${transactionsSearchParams(filters)}`)).toEqual(filters);
  });
});
