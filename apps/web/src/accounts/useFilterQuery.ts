/**
 * The transactions table's filters kept in the address (`?q=&from=&to=`), so that a reload, the back button
 * and a shared link find them again. The search box answers each key at once; the address, and the server,
 * get the text once it has settled.
 */
import { useEffect, useRef, useState } from 'react';
import {
  filtersFromQuery,
  type TransactionFilters,
  transactionsSearchParams,
} from '../api/transactionFilters.ts';
import { replaceSearchParams, useLocation } from '../app/router.ts';
import { useDebouncedValue } from '../ui/useDebouncedValue.ts';

export interface FilterQuery {
  /** What the filters are, the search as settled: what the table and the export ask for. */
  filters: TransactionFilters;
  /** The search box's text as typed. */
  search: string;
  setSearch: (text: string) => void;
  setRange: (range: { from?: string; to?: string }) => void;
  clear: () => void;
}

/** Writes the filters' own parameters into the address, leaving the others (a chart's range) as they are. */
function writeFilters(filters: TransactionFilters): void {
  const params = transactionsSearchParams(filters);
  replaceSearchParams({ q: params.get('q'), from: params.get('from'), to: params.get('to') });
}

export function useFilterQuery(): FilterQuery {
  const location = useLocation();
  const query = location.includes('?') ? location.slice(location.indexOf('?')) : '';
  const inAddress = filtersFromQuery(query);
  const [search, setSearch] = useState(inAddress.q);
  const settled = useDebouncedValue(search, 300);
  // The search last written to the address: another one there came from elsewhere (back, forward).
  const written = useRef(inAddress.q.trim());

  useEffect(() => {
    if (inAddress.q.trim() !== written.current) {
      written.current = inAddress.q.trim();
      setSearch(inAddress.q);
    }
  }, [inAddress.q]);

  useEffect(() => {
    if (settled.trim() === written.current) return;
    written.current = settled.trim();
    writeFilters({ ...filtersFromQuery(window.location.search), q: settled });
  }, [settled]);

  return {
    filters: inAddress,
    search,
    setSearch,
    setRange: (range) => writeFilters({ ...filtersFromQuery(window.location.search), ...range }),
    clear: () => {
      written.current = '';
      setSearch('');
      writeFilters({ q: '', from: '', to: '' });
    },
  };
}
