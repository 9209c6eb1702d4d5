/**
 * One category's transactions in one month, across accounts, newest first. Each can be put in another
 * category, and that choice can become a rule for its merchant.
 */
import type { CategorizedTransaction, CategoryKey } from '@passbook/contracts';
import { useState } from 'react';
import { followLink, paths } from '../app/router.ts';
import { describeApiFailure } from '../errors/describe.ts';
import { formatCalendarDate, formatMonth } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Amount } from '../ui/Amount.tsx';
import { Button } from '../ui/Button.tsx';
import { ArrowLeftIcon } from '../ui/icons.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { categoryLabel } from './categoryLabel.ts';
import { useSpendingTransactions } from './queries.ts';
import { RecategorizeDialog } from './RecategorizeDialog.tsx';

export function CategoryTransactions({
  view,
}: {
  view: { month: string; currency: string; category: CategoryKey };
}) {
  const { t, tn, locale } = useI18n();
  const transactions = useSpendingTransactions(view);
  const [editing, setEditing] = useState<CategorizedTransaction | null>(null);
  const back = paths.spending({ month: view.month, currency: view.currency });
  const label = categoryLabel(view.category, t);

  return (
    <div className="space-y-4">
      <a
        href={back}
        onClick={(event) => followLink(event, back)}
        className="inline-flex min-h-11 items-center gap-2 rounded-lg text-sm font-semibold text-brand-700 hover:underline"
      >
        <ArrowLeftIcon className="size-4" />
        {t('spending.backToCategories')}
      </a>
      <PageHeading>
        {t('spending.categoryIn', { category: label, month: formatMonth(view.month, locale) })}
      </PageHeading>
      {transactions.isPending ? (
        <Loading className="py-8" />
      ) : transactions.isError ? (
        <ProblemMessage problem={describeApiFailure(transactions.error)}>
          <Button onClick={() => void transactions.refetch()}>{t('action.tryAgain')}</Button>
        </ProblemMessage>
      ) : transactions.data.transactions.length === 0 ? (
        <p className="text-slate-700">{t('spending.categoryEmpty')}</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{tn('spending.transactionCount', transactions.data.total)}</p>
          <ul className="divide-y divide-slate-200 overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
            {transactions.data.transactions.map((transaction) => (
              <li
                key={transaction.id}
                className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:gap-4"
              >
                <div className="min-w-0 sm:flex-1">
                  <p className="flex items-baseline justify-between gap-3">
                    <span className="truncate font-medium text-slate-900">
                      {transaction.merchant ?? transaction.description}
                    </span>
                    <Amount
                      minor={transaction.amount}
                      currency={view.currency}
                      signDisplay="exceptZero"
                      className="shrink-0 font-semibold"
                    />
                  </p>
                  <p className="mt-0.5 truncate text-sm text-slate-600">
                    {formatCalendarDate(transaction.date, locale)} · {transaction.accountTitle} ·{' '}
                    <span className="font-mono text-xs">{transaction.description}</span>
                  </p>
                </div>
                <Button
                  variant="quiet"
                  className="-ml-4 self-start sm:-mr-2 sm:ml-0 sm:self-auto"
                  onClick={() => setEditing(transaction)}
                  aria-label={t('recategorize.openFor', {
                    merchant: transaction.merchant ?? transaction.description,
                  })}
                >
                  {t('recategorize.open')}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      {editing ? <RecategorizeDialog transaction={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
