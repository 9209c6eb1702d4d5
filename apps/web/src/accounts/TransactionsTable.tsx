/**
 * An account's transactions, newest first, with search, a date range and the CSV export of exactly what is
 * shown. Only the rows in view are in the page (virtualised), and pages of a few thousand rows are loaded
 * as the reader scrolls towards them, so an account with 50,000 transactions stays smooth.
 */
import type { Transaction } from '@passbook/contracts';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useId, useRef, useState } from 'react';
import { useTransactions } from '../api/queries.ts';
import {
  hasFilters,
  isBackwardRange,
  type TransactionFilters,
  transactionsCsvUrl,
} from '../api/transactionFilters.ts';
import { describeApiFailure } from '../errors/describe.ts';
import { formatCalendarDate, formatMoney } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button, buttonClass } from '../ui/Button.tsx';
import { DownloadIcon, SearchIcon } from '../ui/icons.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { useDebouncedValue } from '../ui/useDebouncedValue.ts';
import { useMediaQuery } from '../ui/useMediaQuery.ts';
import { TransactionDetail } from './TransactionDetail.tsx';
import { type TransferPeer, transferLabel, transferPeer } from './transfer.ts';

const HEADER_HEIGHT = 44;
const ROW_HEIGHT_WIDE = 52;
const ROW_HEIGHT_NARROW = 72;
/** Ask for the next page while this many loaded rows are still ahead of the reader. */
const PREFETCH_ROWS = 400;

/**
 * `card`: a credit card or line of credit, read in its own terms: a purchase is a charge that raises what is
 * owed, a payment lowers it, and the running balance is what is owed. `accounts`: the person's accounts by
 * id, so that a transfer names the other account.
 */
export function TransactionsTable({
  accountId,
  accountTitle,
  currency,
  card = false,
  accounts,
}: {
  accountId: string;
  accountTitle: string;
  currency: string;
  card?: boolean;
  accounts: ReadonlyMap<string, TransferPeer>;
}) {
  const { t, tn, language } = useI18n();
  const [search, setSearch] = useState('');
  const [range, setRange] = useState({ from: '', to: '' });
  const q = useDebouncedValue(search, 300);
  const typed: TransactionFilters = { q, ...range };
  const backward = isBackwardRange(typed);
  // A backward range is flagged on the form and not applied, to the table and the export alike.
  const filters = backward ? { ...typed, from: '', to: '' } : typed;
  const query = useTransactions(accountId, filters);
  const rows = query.data?.pages.flatMap((page) => page.transactions) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  const searchId = useId();
  const countId = useId();
  const filtered = hasFilters(filters);

  return (
    <section
      aria-labelledby="transactions-heading"
      className="rounded-2xl bg-white shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-center justify-between gap-3 p-5 pb-0 sm:p-6 sm:pb-0">
        <div>
          <h2 id="transactions-heading" className="text-lg font-semibold text-slate-900">
            {t('tx.title')}
          </h2>
          <p id={countId} className="text-sm text-slate-600" role="status">
            {query.data ? tn('tx.count', total) : '\u00a0'}
          </p>
        </div>
        <a
          href={transactionsCsvUrl(accountId, filters, language)}
          download
          aria-describedby={countId}
          className={buttonClass('secondary')}
        >
          <DownloadIcon className="size-4" />
          {t('tx.export')}
        </a>
      </div>

      <search className="grid grid-cols-2 gap-3 p-5 sm:grid-cols-[minmax(0,1fr)_10rem_10rem_auto] sm:items-end sm:p-6">
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor={searchId} className="text-sm font-medium text-slate-800">
            {t('tx.search')}
          </label>
          <div className="relative mt-1">
            <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500" />
            <input
              id={searchId}
              type="search"
              value={search}
              maxLength={200}
              placeholder={t('tx.searchPlaceholder')}
              onChange={(event) => setSearch(event.currentTarget.value)}
              className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white py-2 pr-3 pl-9 text-slate-900 placeholder:text-slate-500"
            />
          </div>
        </div>
        {/* Native date fields write dates in the browser's own language, whatever the page's (Chromium, for
            one, ignores `lang` on them). Kept for their picker and keyboard support, which a custom field
            would have to rebuild; their values are ISO dates either way. */}
        <DateField
          label={t('tx.from')}
          value={range.from}
          max={range.to}
          invalid={backward}
          onChange={(from) => setRange((r) => ({ ...r, from }))}
        />
        <DateField
          label={t('tx.to')}
          value={range.to}
          min={range.from}
          invalid={backward}
          onChange={(to) => setRange((r) => ({ ...r, to }))}
        />
        <Button
          variant="quiet"
          className="col-span-2 sm:col-span-1"
          aria-disabled={!filtered && search === '' ? true : undefined}
          onClick={() => {
            setSearch('');
            setRange({ from: '', to: '' });
          }}
        >
          {t('tx.clear')}
        </Button>
        {backward ? (
          <p role="alert" className="col-span-2 text-sm text-danger sm:col-span-4">
            {t('tx.badRange')}
          </p>
        ) : null}
      </search>

      {query.isError && !query.data ? (
        <div className="px-5 pb-5 sm:px-6 sm:pb-6">
          <ProblemMessage problem={describeApiFailure(query.error)}>
            <Button onClick={() => void query.refetch()}>{t('action.tryAgain')}</Button>
          </ProblemMessage>
        </div>
      ) : query.isPending ? (
        <p role="status" className="flex items-center gap-3 px-6 pb-8 text-slate-700">
          <Spinner className="size-5 text-brand-700" />
          {t('tx.loading')}
        </p>
      ) : total === 0 ? (
        <p className="px-6 pb-10 text-center text-slate-600">{filtered ? t('tx.empty') : t('tx.none')}</p>
      ) : (
        <VirtualRows
          rows={rows}
          total={total}
          currency={currency}
          card={card}
          accountTitle={accountTitle}
          accounts={accounts}
          hasMore={query.hasNextPage}
          loadingMore={query.isFetchingNextPage}
          loadMore={() => void query.fetchNextPage()}
          failedMore={query.isFetchNextPageError}
        />
      )}
    </section>
  );
}

function VirtualRows({
  rows,
  total,
  currency,
  card,
  accountTitle,
  accounts,
  hasMore,
  loadingMore,
  loadMore,
  failedMore,
}: {
  rows: Transaction[];
  total: number;
  currency: string;
  card: boolean;
  accountTitle: string;
  accounts: ReadonlyMap<string, TransferPeer>;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  failedMore: boolean;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Transaction | null>(null);
  const wide = useMediaQuery('(min-width: 640px)');
  const scrollRef = useRef<HTMLElement>(null);
  const rowHeight = wide ? ROW_HEIGHT_WIDE : ROW_HEIGHT_NARROW;
  const count = hasMore ? Math.max(total, rows.length) : rows.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    scrollMargin: wide ? HEADER_HEIGHT : 0,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: row height changes with the layout.
  useEffect(() => virtualizer.measure(), [rowHeight]);

  const items = virtualizer.getVirtualItems();
  const lastVisible = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (hasMore && !loadingMore && !failedMore && lastVisible >= rows.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, loadingMore, failedMore, lastVisible, rows.length, loadMore]);

  return (
    <div className="border-t border-slate-100">
      {open ? (
        <TransactionDetail
          transaction={open}
          accountTitle={accountTitle}
          currency={currency}
          card={card}
          peer={transferPeer(open, accounts)}
          onClose={() => setOpen(null)}
        />
      ) : null}
      <section
        ref={scrollRef}
        aria-label={t('tx.tableLabel')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be scrolled without a mouse.
        tabIndex={0}
        className="relative h-[min(36rem,70vh)] overflow-y-auto overscroll-contain"
      >
        <table
          className="block w-full text-left"
          aria-labelledby="transactions-heading"
          aria-rowcount={count + 1}
        >
          <thead className="sticky top-0 z-10 block bg-slate-50 max-sm:sr-only">
            <tr
              aria-rowindex={1}
              className="tx-grid sm:h-11 sm:border-b sm:border-slate-200 sm:px-6 sm:text-xs sm:tracking-wide sm:text-slate-600 sm:uppercase"
            >
              <th scope="col" className="[grid-area:date] font-semibold">
                {t('tx.col.date')}
              </th>
              <th scope="col" className="[grid-area:desc] font-semibold">
                {t('tx.col.description')}
              </th>
              <th scope="col" className="[grid-area:out] text-right font-semibold">
                {card ? t('tx.col.charges') : t('tx.col.debit')}
              </th>
              <th scope="col" className="[grid-area:in] text-right font-semibold">
                {card ? t('tx.col.payments') : t('tx.col.credit')}
              </th>
              <th scope="col" className="[grid-area:bal] text-right font-semibold">
                {card ? t('tx.col.owed') : t('tx.col.balance')}
              </th>
            </tr>
          </thead>
          <tbody className="relative block" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index];
              const top = item.start - virtualizer.options.scrollMargin;
              return row ? (
                <TransactionRow
                  key={row.id}
                  row={row}
                  index={item.index}
                  currency={currency}
                  card={card}
                  peer={transferPeer(row, accounts)}
                  top={top}
                  height={item.size}
                  onOpen={setOpen}
                />
              ) : (
                <tr
                  key={`pending-${item.index}`}
                  aria-rowindex={item.index + 2}
                  aria-busy="true"
                  className="absolute top-0 left-0 flex w-full items-center px-6"
                  style={{ height: item.size, transform: `translateY(${top}px)` }}
                >
                  <td colSpan={5} className="block h-3 w-full rounded bg-slate-100 motion-safe:animate-pulse">
                    <span className="sr-only">{t('tx.loadingMore')}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {failedMore ? (
        <div className="p-4">
          <Button variant="secondary" onClick={loadMore}>
            {t('action.tryAgain')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

const TransactionRow = memo(function TransactionRow({
  row,
  index,
  currency,
  card,
  peer,
  top,
  height,
  onOpen,
}: {
  row: Transaction;
  index: number;
  currency: string;
  card: boolean;
  /** The other account of a transfer: the row reads as that transfer, its amount as neither spent nor earned. */
  peer: TransferPeer | null;
  /** Stable (a state setter), so that the memoised rows do not render again. */
  onOpen: (row: Transaction) => void;
  /** Position in the scrolled list: plain numbers, so that rows that did not move skip rendering. */
  top: number;
  height: number;
}) {
  const { t, locale } = useI18n();
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const transfer = peer === null ? null : transferLabel(row, peer, t);
  return (
    <tr
      aria-rowindex={index + 2}
      style={{ height, transform: `translateY(${top}px)` }}
      className="tx-grid absolute top-0 left-0 w-full border-b border-slate-100 px-5 sm:px-6"
    >
      <td className="[grid-area:date] text-xs text-slate-600 sm:text-sm sm:text-slate-700">
        {formatCalendarDate(row.date, locale)}
      </td>
      <td className="[grid-area:desc] min-w-0">
        <button
          type="button"
          onClick={() => onOpen(row)}
          aria-haspopup="dialog"
          className="block w-full truncate text-left font-medium text-slate-900 hover:text-brand-700 hover:underline sm:font-normal"
          title={row.description}
        >
          {transfer ?? row.description}
        </button>
      </td>
      <td className="[grid-area:out] text-right">
        {row.debit !== null ? (
          <span className="amount font-medium text-slate-900">
            {/* On a card a charge adds to what is owed: its column says so, a minus would not. */}
            {card ? null : <span aria-hidden="true">−</span>}
            {money(row.debit)}
          </span>
        ) : null}
      </td>
      <td className="[grid-area:in] text-right">
        {row.credit !== null ? (
          <span className={`amount font-semibold ${transfer === null ? 'text-credit' : 'text-slate-900'}`}>
            {card ? null : <span aria-hidden="true">+</span>}
            {money(row.credit)}
          </span>
        ) : null}
      </td>
      <td className="[grid-area:bal] text-right text-xs text-slate-600 sm:text-sm sm:text-slate-700">
        {row.balance !== null ? (
          <>
            <span className="sm:hidden" aria-hidden="true">
              {card ? t('tx.col.owed') : t('tx.col.balance')}{' '}
            </span>
            <span className="amount">{money(row.balance)}</span>
          </>
        ) : null}
      </td>
    </tr>
  );
});

/** A labelled native date field of the filters; `min`/`max` keep the range the right way round. */
function DateField(props: {
  label: string;
  value: string;
  min?: string;
  max?: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="max-[22rem]:col-span-2">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {props.label}
      </label>
      <input
        id={id}
        type="date"
        value={props.value}
        min={props.min || undefined}
        max={props.max || undefined}
        onChange={(event) => props.onChange(event.currentTarget.value)}
        aria-invalid={props.invalid || undefined}
        className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2 py-2 text-slate-900 sm:px-3"
      />
    </div>
  );
}
