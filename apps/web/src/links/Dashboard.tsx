/**
 * The home page: an invitation to connect a first bank, or every connected bank with its accounts, the net
 * worth per currency (what is held less what is owed) and its history as a chart.
 */
import type { Link } from '@passbook/contracts';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type ReactNode, useId, useMemo } from 'react';
import { type CurrencyTotal, totalsByCurrency } from '../accounts/grouping.ts';
import { useJobsMovedToOtherLinks, useLinks, useNetWorth } from '../api/queries.ts';
import { TimeChart } from '../charts/TimeChart.tsx';
import { describeApiFailure } from '../errors/describe.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { SearchBox } from '../search/SearchBox.tsx';
import { Amount } from '../ui/Amount.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { Button, buttonClass } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { cn } from '../ui/cn.ts';
import { LockIcon, PlusIcon } from '../ui/icons.tsx';
import { Loading, Skeleton } from '../ui/Loading.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { linkName } from './bankName.ts';
import { LinkCard } from './LinkCard.tsx';

export function Dashboard() {
  const { t } = useI18n();
  const links = useLinks();
  if (links.isPending) {
    return <Loading />;
  }
  if (links.isError) {
    return (
      <>
        <PageHeading>{t('dashboard.title')}</PageHeading>
        <ProblemMessage className="mt-6" problem={describeApiFailure(links.error)}>
          <Button busy={links.isFetching} onClick={() => void links.refetch()}>
            {t('action.tryAgain')}
          </Button>
        </ProblemMessage>
      </>
    );
  }
  if (links.data.length === 0) return <EmptyState />;
  return <Accounts links={links.data} />;
}

function ConnectLink({ label, variant = 'primary' }: { label: string; variant?: 'primary' | 'secondary' }) {
  return (
    <AppLink to="/connect" look="plain" className={buttonClass(variant)}>
      <PlusIcon className="size-4" />
      {label}
    </AppLink>
  );
}

function EmptyState() {
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-xl py-8 text-center sm:py-16">
      <div className="mx-auto flex size-16 items-center justify-center rounded-2xl bg-brand-50 text-brand-700">
        <LockIcon className="size-8" />
      </div>
      <PageHeading className="mt-6">{t('empty.title')}</PageHeading>
      <p className="mt-3 text-lg text-slate-700">{t('empty.body')}</p>
      <div className="mt-8">
        <ConnectLink label={t('action.connect')} />
      </div>
      <p className="mx-auto mt-8 max-w-md rounded-xl bg-white p-4 text-left text-sm text-slate-700 shadow-sm ring-1 ring-slate-200">
        {t('empty.reassure')}
      </p>
    </div>
  );
}

function Accounts({ links }: { links: Link[] }) {
  const { t } = useI18n();
  useJobsMovedToOtherLinks(links);
  const totals = totalsByCurrency(links);
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <PageHeading>{t('dashboard.title')}</PageHeading>
        <ConnectLink label={t('action.connectAnother')} variant="secondary" />
      </div>
      {totals.length > 0 ? <Totals totals={totals} /> : null}
      <SearchBox />
      {totals.length > 0 ? <NetWorthHistory totals={totals} /> : null}
      <h2 className="sr-only">{t('dashboard.institutions')}</h2>
      <div className="mt-8 space-y-6">
        {links.map((link) => (
          <LinkCard
            key={link.id}
            link={link}
            sameNameAsAnother={links.some(
              (other) => other.id !== link.id && linkName(other, t) === linkName(link, t),
            )}
          />
        ))}
      </div>
    </>
  );
}

function Totals({ totals }: { totals: CurrencyTotal[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="totals-heading" className="mt-6">
      <h2 id="totals-heading" className="sr-only">
        {t('dashboard.totals')}
      </h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {totals.map((total) => (
          // Deep brand blue on a light page; on a dark one the palette turns brand-800 light, so the card takes
          // the dark page's own deep blue with a brand ring instead of glowing.
          <li
            key={total.currency}
            className="rounded-2xl bg-brand-800 p-5 text-white shadow-sm dark:bg-brand-50 dark:text-slate-900 dark:ring-1 dark:ring-brand-200"
          >
            <p className={cn(TOTAL_LABEL, 'font-semibold tracking-wide')}>{total.currency}</p>
            <dl className="mt-2">
              <dt className={TOTAL_LABEL}>{t('netWorth.title')}</dt>
              <dd className="text-2xl font-semibold sm:text-3xl" data-testid="net-worth">
                <Amount minor={total.assets - total.owed} currency={total.currency} />
              </dd>
            </dl>
            <dl className="mt-3 flex flex-wrap gap-x-5 gap-y-1 border-t border-white/15 pt-2 text-sm dark:border-brand-200">
              <div className="flex items-baseline gap-2">
                <dt className={TOTAL_LABEL}>{t('dashboard.totals.assets')}</dt>
                <dd className="font-semibold">
                  <Amount minor={total.assets} currency={total.currency} />
                </dd>
              </div>
              <div className="flex items-baseline gap-2">
                <dt className={TOTAL_LABEL}>{t('dashboard.totals.owed')}</dt>
                <dd className="font-semibold">
                  <Amount minor={total.owed} currency={total.currency} />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm text-slate-600">
        {t('netWorth.explained')} {totals.length > 1 ? t('dashboard.totals.note') : null}
      </p>
    </section>
  );
}

/** The param that keeps, in the address, which currency's history the chart shows. */
/** The words on a net worth card: pale on its deep blue, the dark theme's light brand blue on its navy. */
const TOTAL_LABEL = 'text-sm text-brand-100 dark:text-brand-700';

function NetWorthHistory({ totals }: { totals: CurrencyTotal[] }) {
  const { t } = useI18n();
  const titleId = useId();
  // The history is read again whenever the balances on screen change (a refresh stored new ones).
  const version = totals.map((total) => `${total.currency}:${total.assets}:${total.owed}`).join(',');
  const history = useNetWorth(version);
  const asked = useSearch({ from: '/' }).currency;
  const navigate = useNavigate({ from: '/' });
  const currency = totals.find((total) => total.currency === asked)?.currency ?? totals[0]?.currency ?? 'CAD';
  const entry = history.data?.currencies.find((candidate) => candidate.currency === currency);
  const points = useMemo(
    () => (entry?.points ?? []).map((point) => ({ date: point.date, value: point.net })),
    [entry],
  );

  let body: ReactNode;
  if (history.isPending) {
    body = <Skeleton className="h-56" />;
  } else if (history.isError) {
    body = (
      <ProblemMessage problem={describeApiFailure(history.error)}>
        <Button onClick={() => void history.refetch()}>{t('action.tryAgain')}</Button>
      </ProblemMessage>
    );
  } else {
    body = (
      <>
        <TimeChart
          title={`${t('netWorth.chartTitle')}, ${currency}`}
          points={points}
          currency={currency}
          empty={t('netWorth.chartEmpty')}
        />
        {points.length < 2 ? <p className="mt-2 text-sm text-slate-600">{t('netWorth.growing')}</p> : null}
      </>
    );
  }

  return (
    <Card as="section" padding="roomy" aria-labelledby={titleId} className="mt-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {t('netWorth.chartTitle')}
        </h2>
        {totals.length > 1 ? (
          <fieldset className="flex gap-1">
            <legend className="sr-only">{t('netWorth.currency')}</legend>
            {totals.map((total) => (
              <button
                key={total.currency}
                type="button"
                aria-pressed={total.currency === currency}
                onClick={() =>
                  // A view's setting kept in the address in place: no history entry, no scroll.
                  void navigate({
                    search: (prev) => ({
                      ...prev,
                      currency: total.currency === totals[0]?.currency ? undefined : total.currency,
                    }),
                    replace: true,
                    resetScroll: false,
                  })
                }
                className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-semibold text-brand-700 ring-1 ring-slate-300 ring-inset hover:bg-brand-50 aria-pressed:bg-brand-700 aria-pressed:text-white aria-pressed:ring-brand-700"
              >
                {total.currency}
              </button>
            ))}
          </fieldset>
        ) : null}
      </div>
      <div className="mt-4">{body}</div>
    </Card>
  );
}
