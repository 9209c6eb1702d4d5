/**
 * The transactions table's filters kept in the address (`?q=&from=&to=`, validated by the account and search
 * routes), so that a reload, the back button and a shared link find them again. The search box answers each
 * key at once; the address, and the server, get the text once it has settled.
 */
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import type { TransactionFilters } from '../api/transactionFilters.ts';
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

/** Only meaningful filters go into the address: a blank search or a malformed date is left out. */
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const inAddress = (filters: TransactionFilters) => ({
  q: filters.q.trim().slice(0, 200) || undefined,
  from: CALENDAR_DATE.test(filters.from) ? filters.from : undefined,
  to: CALENDAR_DATE.test(filters.to) ? filters.to : undefined,
});

export function useFilterQuery(): FilterQuery {
  // On an account's page and on /search alike.
  const search = useSearch({ strict: false });
  const current: TransactionFilters = { q: search.q ?? '', from: search.from ?? '', to: search.to ?? '' };
  const navigate = useNavigate();
  const [text, setText] = useState(current.q);
  const settled = useDebouncedValue(text, 300);
  // The search last written to the address: another one there came from elsewhere (back, forward).
  const written = useRef(current.q.trim());
  // The filters as last read, for writes made from callbacks between renders.
  const latest = useRef(current);
  latest.current = current;

  /** Writes the filters' own parameters in place, leaving the others (a chart's range) as they are. */
  const write = (filters: TransactionFilters) =>
    void navigate({
      to: '.',
      search: (prev) => ({ ...prev, ...inAddress(filters) }),
      replace: true,
      resetScroll: false,
    });

  useEffect(() => {
    if (current.q.trim() !== written.current) {
      written.current = current.q.trim();
      setText(current.q);
    }
  }, [current.q]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: written when the settled text changes, only then.
  useEffect(() => {
    if (settled.trim() === written.current) return;
    written.current = settled.trim();
    write({ ...latest.current, q: settled });
  }, [settled]);

  return {
    filters: current,
    search: text,
    setSearch: setText,
    setRange: (range) => write({ ...latest.current, ...range }),
    clear: () => {
      written.current = '';
      setText('');
      write({ q: '', from: '', to: '' });
    },
  };
}
