/**
 * One account: its balances, its balance over time, its transactions and the bank's statements. Loaded on demand, so the first
 * page does not pay for the table and the chart.
 */
import { useAccountsById } from '../api/queries.ts';
import { describeApiFailure } from '../errors/describe.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { bankName } from '../links/bankName.ts';
import { Amount } from '../ui/Amount.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { Button } from '../ui/Button.tsx';
import { ArrowLeftIcon } from '../ui/icons.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { AccountKind } from './AccountKind.tsx';
import { AccountStatements } from './AccountStatements.tsx';
import { BalanceChart } from './BalanceChart.tsx';
import { accountGroup } from './grouping.ts';
import { TransactionsTable } from './TransactionsTable.tsx';

export default function AccountPage({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const { links, accountsById: accounts } = useAccountsById();
  const back = (
    <AppLink to="/" look="back">
      <ArrowLeftIcon className="size-4" />
      {t('account.back')}
    </AppLink>
  );

  if (links.isPending) {
    return <Loading />;
  }
  if (links.isError) {
    return (
      <>
        {back}
        <ProblemMessage className="mt-4" problem={describeApiFailure(links.error)}>
          <Button onClick={() => void links.refetch()}>{t('action.tryAgain')}</Button>
        </ProblemMessage>
      </>
    );
  }
  const link = links.data.find((candidate) => candidate.accounts.some((a) => a.id === accountId));
  const account = link?.accounts.find((a) => a.id === accountId);
  if (!link || !account) {
    return (
      <>
        {back}
        <PageHeading className="mt-4">{t('account.notFound')}</PageHeading>
      </>
    );
  }

  const { current, available, limit } = account.balance;
  const card = accountGroup(account) === 'credit';
  return (
    <div className="space-y-6">
      <div>
        {back}
        <div className="mt-2 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
          <div className="min-w-0">
            <p className="text-sm font-medium text-slate-600">{bankName(link, t)}</p>
            <PageHeading className="mt-1">{account.title}</PageHeading>
            <p className="mt-1 text-sm text-slate-600">
              <AccountKind account={account} />
              {' · '}
              {account.currency}
            </p>
          </div>
          <dl className="flex flex-wrap gap-x-8 gap-y-2 sm:justify-end sm:text-right">
            {current !== null ? (
              <div>
                <dt className="text-sm text-slate-600">{card ? t('account.owed') : t('account.current')}</dt>
                <dd className="text-2xl font-semibold text-slate-900 sm:text-3xl">
                  <Amount minor={current} currency={account.currency} />
                </dd>
              </div>
            ) : null}
            {available !== null ? (
              <div>
                <dt className="text-sm text-slate-600">
                  {card ? t('account.availableCredit') : t('account.available')}
                </dt>
                <dd className="text-lg font-medium text-slate-900 sm:mt-2">
                  <Amount minor={available} currency={account.currency} />
                </dd>
              </div>
            ) : null}
            {limit !== null ? (
              <div>
                <dt className="text-sm text-slate-600">{t('account.limit')}</dt>
                <dd className="text-lg font-medium text-slate-900 sm:mt-2">
                  <Amount minor={limit} currency={account.currency} />
                </dd>
              </div>
            ) : null}
          </dl>
        </div>
      </div>
      <BalanceChart accountId={account.id} currency={account.currency} card={card} />
      {/* Keyed by account: following a transfer to the other account starts its table afresh. */}
      <TransactionsTable
        key={account.id}
        peers={accounts}
        scope={{ accountId: account.id, title: account.title, currency: account.currency, card }}
      />
      <AccountStatements accountId={account.id} />
    </div>
  );
}
