/**
 * One category's transactions in one month, across accounts, newest first. Each can be put in another
 * category, and that choice can become a rule for its merchant.
 */
import type { CategorizedTransaction, CategoryKey } from '@passbook/contracts';
import { useState } from 'react';
import { describeApiFailure } from '../errors/describe.ts';
import { formatCalendarDate, formatMonth } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Amount } from '../ui/Amount.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { Button } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
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
  const label = categoryLabel(view.category, t);

  return (
    <div className="space-y-4">
      <AppLink to="/spending" search={{ month: view.month, currency: view.currency }} look="back">
        <ArrowLeftIcon className="size-4" />
        {t('spending.backToCategories')}
      </AppLink>
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
          <Card as="ul" padding="none" className="divide-y divide-slate-200 overflow-hidden">
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
          </Card>
        </>
      )}
      {editing ? <RecategorizeDialog transaction={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
