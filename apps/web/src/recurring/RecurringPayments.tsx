/**
 * Subscriptions, bills and income that repeat, soonest first, each with when it is next expected and for how
 * much. The person confirms one (it is theirs) or dismisses it (it is not, and never comes back).
 */
import type { RecurringPayment } from '@passbook/contracts';
import { describeApiFailure } from '../errors/describe.ts';
import { formatCalendarDate } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Amount } from '../ui/Amount.tsx';
import { announce } from '../ui/announcer.ts';
import { Button } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { CheckIcon } from '../ui/icons.tsx';
import { Loading } from '../ui/Loading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';
import { useDecideRecurring, useRecurring } from './queries.ts';

export function RecurringPayments() {
  const { t } = useI18n();
  const recurring = useRecurring();
  return (
    <section aria-labelledby="recurring-title">
      <h2 id="recurring-title" className="text-lg font-semibold text-slate-900">
        {t('recurring.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('recurring.intro')}</p>
      {recurring.isPending ? (
        <Loading className="mt-3" />
      ) : recurring.isError ? (
        <ProblemMessage className="mt-3" problem={describeApiFailure(recurring.error)}>
          <Button onClick={() => void recurring.refetch()}>{t('action.tryAgain')}</Button>
        </ProblemMessage>
      ) : recurring.data.length === 0 ? (
        <p className="mt-3 text-slate-700">{t('recurring.none')}</p>
      ) : (
        <Card as="ul" padding="none" className="mt-3 divide-y divide-slate-200 overflow-hidden">
          {recurring.data.map((payment) => (
            <RecurringRow key={payment.id} payment={payment} />
          ))}
        </Card>
      )}
    </section>
  );
}

function RecurringRow({ payment }: { payment: RecurringPayment }) {
  const { t, locale } = useI18n();
  const decide = useDecideRecurring();
  const choose = (status: 'confirmed' | 'dismissed') =>
    decide.mutate(
      { id: payment.id, status },
      {
        onSuccess: () =>
          announce(
            t(status === 'confirmed' ? 'recurring.confirmedNotice' : 'recurring.dismissedNotice', {
              merchant: payment.merchant,
            }),
          ),
      },
    );
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4">
      <div className="min-w-0 sm:flex-1">
        <p className="flex items-baseline justify-between gap-3">
          <span className="truncate font-medium text-slate-900">{payment.merchant}</span>
          <Amount
            minor={payment.kind === 'income' ? payment.nextAmount : -payment.nextAmount}
            currency={payment.currency}
            signDisplay="exceptZero"
            className="shrink-0 font-semibold"
          />
        </p>
        <p className="mt-0.5 text-sm text-slate-600">
          {t(`recurring.kind.${payment.kind}`)} · {t(`recurring.cadence.${payment.cadence}`)} ·{' '}
          {t('recurring.next', { date: formatCalendarDate(payment.nextDate, locale) })}
        </p>
      </div>
      {payment.status === 'confirmed' ? (
        <p className="flex items-center gap-1.5 text-sm font-semibold text-brand-800">
          <CheckIcon className="size-4" />
          {t('recurring.confirmed')}
        </p>
      ) : (
        <div className="flex gap-2">
          <Button
            variant="secondary"
            busy={decide.isPending}
            onClick={() => choose('confirmed')}
            aria-label={t('recurring.confirmFor', { merchant: payment.merchant })}
          >
            {t('recurring.confirm')}
          </Button>
          <Button
            variant="quiet"
            busy={decide.isPending}
            onClick={() => choose('dismissed')}
            aria-label={t('recurring.dismissFor', { merchant: payment.merchant })}
          >
            {t('recurring.dismiss')}
          </Button>
        </div>
      )}
      {decide.isError ? <ProblemMessage problem={describeApiFailure(decide.error)} /> : null}
    </li>
  );
}
