/**
 * Where the money went: one month's spending by category across all accounts in one currency, with the change
 * against the month before and the average of the months before that; a category opens its transactions,
 * each of which can be put in another category, once or by a rule. Loaded on demand, like the account page.
 */
import type { CategoryKey, SpendingResponse } from '@passbook/contracts';
import { useNavigate } from '@tanstack/react-router';
import { describeApiFailure } from '../errors/describe.ts';
import { formatChange, formatMonth } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RecurringPayments } from '../recurring/RecurringPayments.tsx';
import { Amount } from '../ui/Amount.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { Button } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { ArrowLeftIcon, ChevronRightIcon } from '../ui/icons.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { CategoryTransactions } from './CategoryTransactions.tsx';
import { categoryLabel } from './categoryLabel.ts';
import { useSpending } from './queries.ts';
import { compareMonths, type MonthComparison } from './summary.ts';

/** What the address asks to see (`?month=&currency=&category=`, validated by the route). */
export interface SpendingView {
  month: string | null;
  currency: string | null;
  category: CategoryKey | null;
}

export default function SpendingPage({ view }: { view: SpendingView }) {
  const { t } = useI18n();
  const spending = useSpending({ currency: view.currency, month: view.month });

  if (spending.isPending) {
    return <Loading className="py-16" />;
  }
  if (spending.isError) {
    return (
      <>
        <PageHeading>{t('spending.title')}</PageHeading>
        <ProblemMessage className="mt-4" problem={describeApiFailure(spending.error)}>
          <Button onClick={() => void spending.refetch()}>{t('action.tryAgain')}</Button>
        </ProblemMessage>
      </>
    );
  }
  const data = spending.data;
  const month = data.months.at(-1);
  if (data.currency === null || month === undefined) {
    return (
      <div className="space-y-3">
        <PageHeading>{t('spending.title')}</PageHeading>
        <p className="text-slate-700">{t('spending.empty')}</p>
      </div>
    );
  }
  const current = { month, currency: data.currency };
  if (view.category) {
    return <CategoryTransactions view={{ ...current, category: view.category }} />;
  }
  return <MonthSpending data={data} currency={data.currency} month={month} />;
}

function MonthSpending({
  data,
  currency,
  month,
}: {
  data: SpendingResponse;
  currency: string;
  month: string;
}) {
  const { t, locale } = useI18n();
  const total = compareMonths(data.totals);
  const rows = data.categories
    .map((entry) => ({ category: entry.category, ...compareMonths(entry.amounts) }))
    .filter((row) => row.current !== 0);
  const largest = Math.max(1, ...rows.map((row) => row.current));
  const previousMonth = data.months.at(-2);
  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0">
          <PageHeading>{t('spending.title')}</PageHeading>
          <p className="mt-1 text-sm text-slate-600">{t('spending.subtitle')}</p>
        </div>
        <MonthPicker month={month} currency={currency} currencies={data.currencies} />
      </div>

      <Card as="section" aria-labelledby="spending-total">
        <h2 id="spending-total" className="text-sm font-medium text-slate-600">
          {t('spending.totalIn', { month: formatMonth(month, locale) })}
        </h2>
        <p className="mt-1 text-3xl font-semibold text-slate-900">
          <Amount minor={total.current} currency={currency} />
        </p>
        <Change comparison={total} previousMonth={previousMonth} currency={currency} />
      </Card>

      <section aria-labelledby="spending-categories">
        <h2 id="spending-categories" className="text-lg font-semibold text-slate-900">
          {t('spending.byCategory')}
        </h2>
        {rows.length === 0 ? (
          <p className="mt-3 text-slate-700">{t('spending.nothingThisMonth')}</p>
        ) : (
          <Card as="ul" padding="none" className="mt-3 divide-y divide-slate-200 overflow-hidden">
            {rows.map((row) => {
              const label = categoryLabel(row.category, t);
              return (
                <li key={row.category}>
                  <AppLink
                    to="/spending"
                    search={{ month, currency, category: row.category }}
                    look="plain"
                    className="flex items-center gap-3 px-4 py-3 hover:bg-brand-50 focus-visible:bg-brand-50"
                  >
                    <div className="min-w-0 flex-1">
                      <div className="flex items-baseline justify-between gap-3">
                        <span className="truncate font-medium text-slate-900">{label}</span>
                        <Amount minor={row.current} currency={currency} className="shrink-0 font-semibold" />
                      </div>
                      <div className="mt-1.5 h-2 rounded-full bg-slate-100" aria-hidden="true">
                        <div
                          className="h-2 rounded-full bg-brand-600"
                          style={{ width: `${Math.max(0, (row.current / largest) * 100)}%` }}
                        />
                      </div>
                      <Change comparison={row} previousMonth={previousMonth} currency={currency} compact />
                    </div>
                    <ChevronRightIcon className="size-4 shrink-0 text-slate-500" />
                  </AppLink>
                </li>
              );
            })}
          </Card>
        )}
      </section>

      <RecurringPayments />
    </div>
  );
}

function Change({
  comparison,
  previousMonth,
  currency,
  compact = false,
}: {
  comparison: MonthComparison;
  previousMonth: string | undefined;
  currency: string;
  compact?: boolean;
}) {
  const { t, locale } = useI18n();
  if (previousMonth === undefined) return null;
  const month = formatMonth(previousMonth, locale);
  const vsPrevious =
    comparison.changeFromPrevious === null
      ? t('spending.noneIn', { month })
      : t('spending.changeFrom', { change: formatChange(comparison.changeFromPrevious, locale), month });
  return (
    <p className={`mt-1 text-sm ${compact ? 'text-slate-600' : 'text-slate-700'}`}>
      {vsPrevious}
      {!compact && comparison.average !== null ? (
        <>
          {' · '}
          {t('spending.average', { count: comparison.monthsAveraged })}{' '}
          <Amount minor={comparison.average} currency={currency} />
        </>
      ) : null}
    </p>
  );
}

function MonthPicker({
  month,
  currency,
  currencies,
}: {
  month: string;
  currency: string;
  currencies: string[];
}) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const go = (offset: number) =>
    void navigate({ to: '/spending', search: { month: shiftMonth(month, offset), currency } });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" onClick={() => go(-1)} aria-label={t('spending.previousMonth')}>
        <ArrowLeftIcon className="size-4" />
      </Button>
      <p className="min-w-36 text-center font-semibold text-slate-900" aria-live="polite">
        {formatMonth(month, locale)}
      </p>
      <Button variant="secondary" onClick={() => go(1)} aria-label={t('spending.nextMonth')}>
        <ArrowLeftIcon className="size-4 rotate-180" />
      </Button>
      {currencies.length > 1 ? (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          {t('spending.currency')}
          <select
            value={currency}
            onChange={(event) =>
              void navigate({ to: '/spending', search: { month, currency: event.currentTarget.value } })
            }
            className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-slate-900"
          >
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}

function shiftMonth(month: string, offset: number): string {
  const [year, monthOfYear] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + monthOfYear - 1 + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
