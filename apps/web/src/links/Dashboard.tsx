/**
 * The home page: an invitation to connect a first bank, or every connected bank with its accounts and the
 * totals per currency.
 */
import type { Link } from '@passbook/contracts';
import { type CurrencyTotal, totalsByCurrency } from '../accounts/grouping.ts';
import { useLinks } from '../api/queries.ts';
import { followLink, paths } from '../app/router.ts';
import { describeApiFailure } from '../errors/describe.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { SearchBox } from '../search/SearchBox.tsx';
import { Amount } from '../ui/Amount.tsx';
import { Button, buttonClass } from '../ui/Button.tsx';
import { LockIcon, PlusIcon } from '../ui/icons.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { linkName } from './bankName.ts';
import { LinkCard } from './LinkCard.tsx';

export function Dashboard() {
  const { t } = useI18n();
  const links = useLinks();
  if (links.isPending) {
    return (
      <p role="status" className="flex items-center gap-3 py-16 text-slate-700">
        <Spinner className="size-5 text-brand-700" />
        {t('app.loading')}
      </p>
    );
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
  const href = paths.connect();
  return (
    <a href={href} onClick={(event) => followLink(event, href)} className={buttonClass(variant)}>
      <PlusIcon className="size-4" />
      {label}
    </a>
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
  const totals = totalsByCurrency(links);
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <PageHeading>{t('dashboard.title')}</PageHeading>
        <ConnectLink label={t('action.connectAnother')} variant="secondary" />
      </div>
      {totals.length > 0 ? <Totals totals={totals} /> : null}
      <SearchBox />
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
          <li key={total.currency} className="rounded-2xl bg-brand-800 p-5 text-white shadow-sm">
            <p className="text-sm font-semibold tracking-wide text-brand-100">{total.currency}</p>
            <dl className="mt-2">
              <dt className="text-sm text-brand-100">{t('dashboard.totals.assets')}</dt>
              <dd className="text-2xl font-semibold sm:text-3xl">
                <Amount minor={total.assets} currency={total.currency} />
              </dd>
              {total.owed > 0 ? (
                <div className="mt-2 flex items-baseline gap-2 border-t border-white/15 pt-2">
                  <dt className="text-sm text-brand-100">{t('dashboard.totals.owed')}</dt>
                  <dd className="text-sm font-semibold">
                    <Amount minor={total.owed} currency={total.currency} />
                  </dd>
                </div>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
      {totals.length > 1 ? <p className="mt-2 text-sm text-slate-600">{t('dashboard.totals.note')}</p> : null}
    </section>
  );
}
