/**
 * The bank's own monthly statements of the account, newest first, each a PDF to download. The file comes
 * from our server only (never Flinks), named in the page's language.
 */
import type { Language } from '@passbook/contracts';
import { routes } from '@passbook/contracts/routes';
import { type ReactNode, useId } from 'react';
import { routeHref } from '../api/client.ts';
import { useStatements } from '../api/queries.ts';
import { describeApiFailure } from '../errors/describe.ts';
import { formatMonth } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button, buttonClass } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { DownloadIcon } from '../ui/icons.tsx';
import { Skeleton } from '../ui/Loading.tsx';
import { ProblemMessage } from '../ui/ProblemMessage.tsx';

export function statementUrl(accountId: string, statementId: string, language: Language): string {
  return routeHref(routes.getStatement, { params: { id: accountId, statementId }, query: { language } });
}

/** A file's size as a person reads it: "38 KB", "1.2 MB". */
function fileSize(bytes: number, locale: string): string {
  const [value, unit] = bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(Math.max(value, 0.1));
}

export function AccountStatements({ accountId }: { accountId: string }) {
  const { t, tn, language, locale } = useI18n();
  const statements = useStatements(accountId);
  const titleId = useId();

  let body: ReactNode;
  if (statements.isPending) {
    body = <Skeleton className="h-16" />;
  } else if (statements.isError) {
    body = (
      <ProblemMessage problem={describeApiFailure(statements.error)}>
        <Button onClick={() => void statements.refetch()}>{t('action.tryAgain')}</Button>
      </ProblemMessage>
    );
  } else if (statements.data.length === 0) {
    body = <p className="text-slate-600">{t('statements.empty')}</p>;
  } else {
    body = (
      <ul className="divide-y divide-slate-200">
        {statements.data.map((statement) => {
          const month = formatMonth(statement.period, locale);
          return (
            <li key={statement.id} className="flex items-center justify-between gap-3 py-2">
              <div className="min-w-0">
                <p className="font-medium text-slate-900 first-letter:uppercase">{month}</p>
                <p className="text-sm text-slate-600">
                  {t('statements.file', { size: fileSize(statement.sizeBytes, locale) })}
                </p>
              </div>
              <a
                href={statementUrl(accountId, statement.id, language)}
                download
                aria-label={t('statements.downloadMonth', { month })}
                className={buttonClass('secondary', 'shrink-0')}
              >
                <DownloadIcon className="size-4" />
                {t('statements.download')}
              </a>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <Card as="section" padding="roomy" aria-labelledby={titleId}>
      <h2 id={titleId} className="text-lg font-semibold text-slate-900">
        {t('statements.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {statements.data && statements.data.length > 0
          ? tn('statements.count', statements.data.length)
          : t('statements.intro')}
      </p>
      <div className="mt-3">{body}</div>
    </Card>
  );
}
