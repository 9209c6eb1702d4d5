/**
 * An account's transactions, or those of all the person's accounts, newest first, with search and a date
 * range kept in the address, and for one account the CSV and OFX exports of exactly what is shown. The list
 * scrolls with the page, with no box of its own; only the rows in view are in the page (virtualised against
 * the window), and pages of a few thousand rows are loaded as the reader scrolls towards them, so an account
 * with 50,000 transactions stays smooth.
 */
import type { AccountTransaction, Transaction } from '@passbook/contracts';
import { type CSSProperties, memo, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useAllTransactions, useTransactions } from '../api/queries.ts';
import { hasFilters, isBackwardRange, transactionsExportUrl } from '../api/transactionFilters.ts';
import { describeApiFailure } from '../errors/describe.ts';
import { formatCalendarDate, formatMoney } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button, buttonClass } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { DownloadIcon } from '../ui/icons.tsx';
import { Loading } from '../ui/Loading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { SearchField } from '../ui/SearchField.tsx';
import { useMediaQuery } from '../ui/useMediaQuery.ts';
import { useWindowRows } from '../ui/useWindowRows.ts';
import { DATE_PATTERN, parseTypedDate } from './dateEntry.ts';
import { TransactionDetail } from './TransactionDetail.tsx';
import { type TransferPeer, transferLabel, transferPeer } from './transfer.ts';
import { useFilterQuery } from './useFilterQuery.ts';

const ROW_HEIGHT_WIDE = 52;
const ROW_HEIGHT_NARROW = 72;
/** Ask for the next page while this many loaded rows are still ahead of the reader. */
const PREFETCH_ROWS = 400;
/** The account's name under the description, when rows of several accounts are listed. */
const ACCOUNT_LINE = 16;

/** What a row needs to know of its account. */
export interface RowAccount {
  title: string;
  currency: string;
  /**
   * A credit card or line of credit, read in its own terms: a purchase is a charge that raises what is owed,
   * a payment lowers it, and the running balance is what is owed.
   */
  card: boolean;
}

/** One account's transactions, or (`accountId` null) every account's, each row naming its account. */
export type TableScope =
  | ({ accountId: string } & RowAccount)
  | { accountId: null; accounts: ReadonlyMap<string, RowAccount> };

type Row = Transaction & Partial<Pick<AccountTransaction, 'accountId'>>;

const UNKNOWN_ACCOUNT: RowAccount = { title: '', currency: 'CAD', card: false };

/** `peers`: the person's accounts by id, so that a transfer names the other account. */
export function TransactionsTable({
  scope,
  peers,
}: {
  scope: TableScope;
  peers: ReadonlyMap<string, TransferPeer>;
}) {
  const { t, tn, language } = useI18n();
  const { filters: typed, search, setSearch, setRange, clear } = useFilterQuery();
  const backward = isBackwardRange(typed);
  // A backward range is flagged on the form and not applied, to the table and the export alike.
  const filters = backward ? { ...typed, from: '', to: '' } : typed;
  const one = useTransactions(scope.accountId ?? '', filters, scope.accountId !== null);
  const every = useAllTransactions(filters, scope.accountId === null);
  const query = scope.accountId === null ? every : one;
  const rows: Row[] = query.data?.pages.flatMap((page) => page.transactions) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  const accountOf = (row: Row): RowAccount =>
    scope.accountId !== null ? scope : (scope.accounts.get(row.accountId ?? '') ?? UNKNOWN_ACCOUNT);
  const countId = useId();
  const filtered = hasFilters(filters);
  const range = { from: typed.from, to: typed.to };

  return (
    <Card as="section" padding="none" aria-labelledby="transactions-heading">
      <div className="flex flex-wrap items-center justify-between gap-3 p-5 pb-0 sm:p-6 sm:pb-0">
        <div>
          <h2 id="transactions-heading" className="text-lg font-semibold text-slate-900">
            {t('tx.title')}
          </h2>
          <p id={countId} className="text-sm text-slate-600" role="status">
            {query.data ? tn('tx.count', total) : '\u00a0'}
          </p>
        </div>
        {scope.accountId !== null ? (
          <div className="flex flex-wrap gap-2">
            <a
              href={transactionsExportUrl(scope.accountId, filters, language, 'csv')}
              download
              aria-describedby={countId}
              className={buttonClass('secondary')}
            >
              <DownloadIcon className="size-4" />
              {t('tx.export')}
            </a>
            <a
              href={transactionsExportUrl(scope.accountId, filters, language, 'ofx')}
              download
              aria-describedby={countId}
              title={t('tx.exportOfxHint')}
              className={buttonClass('secondary')}
            >
              <DownloadIcon className="size-4" />
              {t('tx.exportOfx')}
            </a>
          </div>
        ) : null}
      </div>

      <search className="grid grid-cols-2 gap-3 p-5 sm:grid-cols-[minmax(0,1fr)_10rem_10rem_auto] sm:items-end sm:p-6">
        <SearchField
          className="col-span-2 sm:col-span-1"
          label={t('tx.search')}
          placeholder={t('tx.searchPlaceholder')}
          value={search}
          onChange={setSearch}
        />
        <DateField
          label={t('tx.from')}
          value={range.from}
          max={range.to}
          invalid={backward}
          onChange={(from) => setRange({ from })}
        />
        <DateField
          label={t('tx.to')}
          value={range.to}
          min={range.from}
          invalid={backward}
          onChange={(to) => setRange({ to })}
        />
        <Button
          variant="quiet"
          className="col-span-2 sm:col-span-1"
          aria-disabled={!filtered && search === '' ? true : undefined}
          onClick={clear}
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
        <Loading className="px-6 py-0 pb-8" label={t('tx.loading')} />
      ) : total === 0 ? (
        <p className="px-6 pb-10 text-center text-slate-600">{filtered ? t('tx.empty') : t('tx.none')}</p>
      ) : (
        <VirtualRows
          rows={rows}
          total={total}
          accountOf={accountOf}
          peers={peers}
          showAccount={scope.accountId === null}
          hasMore={query.hasNextPage}
          loadingMore={query.isFetchingNextPage}
          loadMore={() => void query.fetchNextPage()}
          failedMore={query.isFetchNextPageError}
        />
      )}
    </Card>
  );
}

function VirtualRows({
  rows,
  total,
  accountOf,
  peers,
  showAccount,
  hasMore,
  loadingMore,
  loadMore,
  failedMore,
}: {
  rows: Row[];
  total: number;
  accountOf: (row: Row) => RowAccount;
  peers: ReadonlyMap<string, TransferPeer>;
  /** Rows of several accounts: each names its own, and card terms are the rows' own. */
  showAccount: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  failedMore: boolean;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Row | null>(null);
  // Column headings in card terms only when every row is a card's.
  const card = !showAccount && rows[0] !== undefined && accountOf(rows[0]).card;
  const wide = useMediaQuery('(min-width: 640px)');
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const rowHeight = (wide ? ROW_HEIGHT_WIDE : ROW_HEIGHT_NARROW) + (showAccount ? ACCOUNT_LINE : 0);
  const count = hasMore ? Math.max(total, rows.length) : rows.length;
  // The rows scroll with the page: the list starts where its body starts in the document, which moves as
  // what is above it (the chart, the filters wrapping) takes its height. Null until measured, before the
  // first paint; meanwhile the first screenful of rows is rendered, which holds those in view then.
  const [listTop, setListTop] = useState<number | null>(null);
  useLayoutEffect(() => {
    const measure = () => {
      const body = bodyRef.current;
      if (body) setListTop(Math.round(body.getBoundingClientRect().top + window.scrollY));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  const shown = useWindowRows({ count, rowHeight, listTop, overscan: 10 });
  // The rows in the page follow one another in the body's flow, after padding as tall as the rows above them:
  // a row carries no position or size of its own, so that rows entering the page as it scrolls share their
  // style with the others rather than each being styled afresh, and only the body's padding changes.
  const bodyStyle = {
    height: count * rowHeight,
    paddingTop: shown.start * rowHeight,
    '--row-height': `${rowHeight}px`,
  } as CSSProperties;
  const indexes = Array.from({ length: shown.end - shown.start }, (_, offset) => shown.start + offset);
  const lastVisible = Math.max(0, shown.end - 1);
  useEffect(() => {
    if (hasMore && !loadingMore && !failedMore && lastVisible >= rows.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, loadingMore, failedMore, lastVisible, rows.length, loadMore]);

  return (
    <div className="border-t border-slate-100">
      {open ? (
        <TransactionDetail
          transaction={open}
          accountTitle={accountOf(open).title}
          currency={accountOf(open).currency}
          card={accountOf(open).card}
          peer={transferPeer(open, peers)}
          onClose={() => setOpen(null)}
        />
      ) : null}
      <section aria-label={t('tx.tableLabel')} className="relative">
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
          {/* No row is a scroll anchor: rows come and go as the page scrolls, and the browser would keep one in place. */}
          <tbody ref={bodyRef} className="block [overflow-anchor:none]" style={bodyStyle}>
            {indexes.map((index) => {
              const row = rows[index];
              return row ? (
                <TransactionRow
                  key={row.id}
                  row={row}
                  index={index}
                  account={accountOf(row)}
                  peer={transferPeer(row, peers)}
                  showAccount={showAccount}
                  narrow={!wide}
                  onOpen={setOpen}
                />
              ) : (
                <tr
                  key={`pending-${index}`}
                  aria-rowindex={index + 2}
                  aria-busy="true"
                  className="flex h-(--row-height) w-full items-center px-6"
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
  account,
  peer,
  showAccount,
  narrow,
  onOpen,
}: {
  row: Row;
  index: number;
  account: RowAccount;
  /** The other account of a transfer: the row reads as that transfer, its amount as neither spent nor earned. */
  peer: TransferPeer | null;
  showAccount: boolean;
  /** Below the small breakpoint, where the balance is named in the row rather than by its column. */
  narrow: boolean;
  /** Stable (a state setter), so that the memoised rows do not render again. */
  onOpen: (row: Row) => void;
}) {
  const { t, locale } = useI18n();
  const { currency, card } = account;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const transfer = peer === null ? null : transferLabel(row, peer, t);
  return (
    <tr
      aria-rowindex={index + 2}
      className="tx-grid h-(--row-height) w-full border-b border-slate-100 px-5 sm:px-6"
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
        {showAccount ? <span className="block truncate text-xs text-slate-600">{account.title}</span> : null}
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
            {narrow ? <span aria-hidden="true">{card ? t('tx.col.owed') : t('tx.col.balance')} </span> : null}
            <span className="amount">{money(row.balance)}</span>
          </>
        ) : null}
      </td>
    </tr>
  );
});

/**
 * A labelled date field of the filters, typed in the page's language (see dateEntry.ts); `min`/`max` keep the
 * range the right way round. A text that is not a date yet is flagged and leaves the filter as it was.
 */
function DateField(props: {
  label: string;
  value: string;
  min?: string;
  max?: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  const { t, language, locale } = useI18n();
  const id = useId();
  const hintId = useId();
  const [text, setText] = useState(props.value);
  // A date half typed is not an error yet: the field says so once it is left.
  const [editing, setEditing] = useState(false);
  // The filter changed elsewhere (cleared, back, another tab's address): the field shows it.
  useEffect(() => {
    setText((shown) => (parseTypedDate(shown, language) === props.value ? shown : props.value));
  }, [props.value, language]);
  const parsed = parseTypedDate(text, language);
  const outOfRange =
    parsed !== null &&
    parsed !== '' &&
    ((props.min && parsed < props.min) || (props.max && parsed > props.max));
  const unreadable = parsed === null && !editing;
  return (
    <div className="max-[22rem]:col-span-2">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {props.label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        lang={locale}
        value={text}
        maxLength={10}
        placeholder={DATE_PATTERN[language]}
        aria-describedby={hintId}
        onFocus={() => setEditing(true)}
        onBlur={() => setEditing(false)}
        onChange={(event) => {
          setText(event.currentTarget.value);
          const date = parseTypedDate(event.currentTarget.value, language);
          if (date !== null) props.onChange(date);
        }}
        aria-invalid={props.invalid || unreadable || outOfRange || undefined}
        className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2 py-2 text-slate-900 placeholder:text-slate-500 aria-invalid:border-danger sm:px-3"
      />
      <span id={hintId} className={unreadable ? 'mt-1 block text-xs text-danger' : 'sr-only'}>
        {unreadable
          ? t('tx.dateUnreadable', { pattern: DATE_PATTERN[language] })
          : t('tx.dateHint', { pattern: DATE_PATTERN[language] })}
      </span>
    </div>
  );
}
