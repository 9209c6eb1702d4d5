/**
 * One transaction in full: on a phone its row cuts the description short, so tapping it opens this, with the
 * date, the whole description, the other account of a transfer, the amount and the running balance, its
 * category and who chose it, and the account it belongs to.
 */
import type { Transaction } from '@passbook/contracts';
import { type ReactNode, useRef } from 'react';
import { formatCalendarDate, formatMoney } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { categoryLabel } from '../spending/categoryLabel.ts';
import { AppLink, followedInApp } from '../ui/AppLink.tsx';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { type TransferPeer, transferLabel } from './transfer.ts';

export function TransactionDetail({
  transaction,
  accountTitle,
  currency,
  card,
  peer,
  onClose,
}: {
  transaction: Transaction;
  accountTitle: string;
  currency: string;
  card: boolean;
  /** The other account, when this is one half of a transfer between the person's accounts. */
  peer: TransferPeer | null;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const close = useRef<HTMLButtonElement>(null);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const { date, description, debit, credit, balance, category, categorySource } = transaction;
  const amounts = (
    [
      [card ? t('tx.col.charges') : t('tx.col.debit'), debit],
      [card ? t('tx.col.payments') : t('tx.col.credit'), credit],
      [card ? t('tx.col.owed') : t('tx.col.balance'), balance],
    ] as const
  ).flatMap(([term, minor]) => (minor === null ? [] : [{ term, value: money(minor), amount: true }]));
  const rows: { term: string; value: ReactNode; amount: boolean }[] = [
    { term: t('tx.col.date'), value: formatCalendarDate(date, locale), amount: false },
    { term: t('tx.col.description'), value: description, amount: false },
    ...(peer === null
      ? []
      : [
          {
            term: t('tx.detail.transfer'),
            value: (
              <AppLink
                to="/accounts/$accountId"
                params={{ accountId: peer.id }}
                look="plain"
                onClick={(event) => {
                  // Followed here, not in a new tab: the other account's page replaces this one.
                  if (followedInApp(event)) onClose();
                }}
                className="font-semibold text-brand-700 underline-offset-2 hover:underline"
              >
                {transferLabel(transaction, peer, t)}
              </AppLink>
            ),
            amount: false,
          },
        ]),
    ...amounts,
    ...(category === null
      ? []
      : [
          {
            term: t('tx.detail.category'),
            value: (
              <>
                {categoryLabel(category, t)}
                {categorySource === null ? null : (
                  <span className="block text-sm text-slate-600">
                    {t(`tx.detail.source.${categorySource}`)}
                  </span>
                )}
              </>
            ),
            amount: false,
          },
        ]),
    { term: t('tx.detail.account'), value: accountTitle, amount: false },
  ];
  return (
    <Dialog
      title={t('tx.detail.title')}
      description={t('tx.detail.body')}
      onClose={onClose}
      initialFocus={close}
    >
      <dl className="divide-y divide-slate-100">
        {rows.map(({ term, value, amount }) => (
          <div key={term} className="flex flex-col gap-0.5 py-2 sm:flex-row sm:gap-4">
            <dt className="text-sm text-slate-600 sm:w-32 sm:shrink-0">{term}</dt>
            {/* Money in tabular figures; text may be long and wraps anywhere rather than overflow. */}
            <dd className={`min-w-0 text-slate-900 ${amount ? 'amount' : '[overflow-wrap:anywhere]'}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <div className="mt-6 flex justify-end">
        <Button ref={close} variant="secondary" onClick={onClose}>
          {t('tx.detail.close')}
        </Button>
      </div>
    </Dialog>
  );
}
