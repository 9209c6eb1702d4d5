import type { ReactNode } from 'react';
import type { Problem } from '../errors/describe.ts';
import { formatRetryTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AlertIcon } from './icons.tsx';

/**
 * A failure, said plainly: what happened (naming the bank), what to do, when Passbook tries again on its own
 * (`retryAt`), and the actions that fit. Announced as an alert when it appears.
 */
export function ProblemMessage({
  problem,
  bank,
  retryAt = null,
  children,
  className = '',
}: {
  problem: Problem;
  bank?: string | null;
  retryAt?: string | null;
  children?: ReactNode;
  className?: string;
}) {
  const { t, locale } = useI18n();
  const retry = retryAt === null ? null : formatRetryTime(retryAt, Date.now(), locale);
  const params = { bank: bank || t('error.yourBank') };
  const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);
  return (
    <div
      role="alert"
      className={`rounded-xl border border-red-200 bg-danger-soft p-4 text-slate-900 ${className}`}
    >
      <div className="flex gap-3">
        <AlertIcon className="mt-0.5 size-5 shrink-0 text-danger" />
        <div className="min-w-0 flex-1">
          <p className="font-semibold text-danger">{capitalize(t(problem.title, params))}</p>
          <p className="mt-1 text-sm text-slate-800">{capitalize(t(problem.body, params))}</p>
          {retry ? (
            <p className="mt-1 text-sm text-slate-800">{t(`sync.retry.${retry.day}`, retry)}</p>
          ) : null}
          {problem.retryAfter ? (
            <p className="mt-1 text-sm text-slate-800">
              {t('error.retryIn', { seconds: problem.retryAfter })}
            </p>
          ) : null}
          <p className="mt-1 text-xs text-slate-600">{t('error.code', { code: problem.code })}</p>
          {children ? <div className="mt-3 flex flex-wrap gap-2">{children}</div> : null}
        </div>
      </div>
    </div>
  );
}
