/**
 * The transactions of all the person's accounts, with the account page's search and dates, kept in the
 * address (`/search?q=&from=&to=`). Loaded on demand, with the table.
 */

import { accountGroup } from '../accounts/grouping.ts';
import { type RowAccount, TransactionsTable } from '../accounts/TransactionsTable.tsx';
import { useAccountsById } from '../api/queries.ts';
import { describeApiFailure } from '../errors/describe.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { Button } from '../ui/Button.tsx';
import { ArrowLeftIcon } from '../ui/icons.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';

export default function SearchPage() {
  const { t } = useI18n();
  const { links, accountsById: peers } = useAccountsById();
  const accounts = new Map<string, RowAccount>(
    [...peers].map(([id, account]) => [
      id,
      { title: account.title, currency: account.currency, card: accountGroup(account) === 'credit' },
    ]),
  );
  return (
    <div className="space-y-6">
      <div>
        <AppLink to="/" look="back">
          <ArrowLeftIcon className="size-4" />
          {t('account.back')}
        </AppLink>
        <PageHeading className="mt-2">{t('search.title')}</PageHeading>
        <p className="mt-1 text-sm text-slate-600">{t('search.intro')}</p>
      </div>
      {links.isPending ? (
        <Loading />
      ) : links.isError ? (
        <ProblemMessage problem={describeApiFailure(links.error)}>
          <Button onClick={() => void links.refetch()}>{t('action.tryAgain')}</Button>
        </ProblemMessage>
      ) : (
        <TransactionsTable scope={{ accountId: null, accounts }} peers={peers} />
      )}
    </div>
  );
}
