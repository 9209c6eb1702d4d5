/**
 * The account's closing balance per day, over the period the person picks; described in words (start, end,
 * lowest, highest) for anyone who cannot see it.
 */
import { type ReactNode, useId, useMemo } from 'react';
import { useBalanceHistory } from '../api/queries.ts';
import { TimeChart } from '../charts/TimeChart.tsx';
import { describeApiFailure } from '../errors/describe.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { Skeleton } from '../ui/Loading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';

/** `card`: the balance is what is owed on a card or line of credit, and the chart says so. */
export function BalanceChart({
  accountId,
  currency,
  card = false,
}: {
  accountId: string;
  currency: string;
  card?: boolean;
}) {
  const { t } = useI18n();
  const title = card ? t('chart.titleOwed') : t('chart.title');
  const history = useBalanceHistory(accountId);
  const titleId = useId();
  const points = useMemo(
    () => (history.data?.points ?? []).map((point) => ({ date: point.date, value: point.balance })),
    [history.data],
  );

  const heading = (
    <h2 id={titleId} className="text-lg font-semibold text-slate-900">
      {title}
    </h2>
  );
  // With points, the chart puts the heading on one line with its range buttons.
  const drawn = !history.isPending && !history.isError && points.length > 0;
  let body: ReactNode;
  if (history.isPending) {
    body = <Skeleton className="h-32 sm:h-40" />;
  } else if (history.isError) {
    body = (
      <ProblemMessage problem={describeApiFailure(history.error)}>
        <Button onClick={() => void history.refetch()}>{t('action.tryAgain')}</Button>
      </ProblemMessage>
    );
  } else if (points.length === 0) {
    body = <p className="py-8 text-center text-slate-600">{t('chart.empty')}</p>;
  } else {
    body = (
      <TimeChart
        title={title}
        points={points}
        currency={history.data.currency ?? currency}
        empty={t('chart.empty')}
        heading={heading}
      />
    );
  }

  return (
    <Card as="section" padding="roomy" aria-labelledby={titleId}>
      {drawn ? (
        body
      ) : (
        <>
          {heading}
          <div className="mt-4">{body}</div>
        </>
      )}
    </Card>
  );
}
