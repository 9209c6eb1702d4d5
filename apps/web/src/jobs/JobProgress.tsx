/**
 * A running job, followed live: what it is doing now (announced politely), how long it has been going and
 * how many times the bank was asked whether the data is ready.
 */
import type { Job } from '@passbook/contracts';
import { formatElapsed } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from '../ui/useNow.ts';

const PHASES = ['queued', 'authorizing', 'retrieving'] as const;

export function elapsedSeconds(
  job: Pick<Job, 'createdAt' | 'startedAt' | 'finishedAt'>,
  now: number,
): number {
  const start = Date.parse(job.startedAt ?? job.createdAt);
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  return Math.max(0, (end - start) / 1000);
}

export function JobProgress({ job, bank }: { job: Job; bank: string }) {
  const { t, tn, locale } = useI18n();
  const now = useNow(1000, !job.finishedAt);
  const phase = PHASES.indexOf(job.state as (typeof PHASES)[number]);
  const heading = job.kind === 'link' ? t('job.heading.link', { bank }) : t('job.heading.refresh', { bank });
  return (
    <section aria-label={heading} className="rounded-xl bg-brand-50 p-4 ring-1 ring-brand-100">
      <p className="font-semibold text-slate-900" role="status">
        {t(`job.state.${job.state}`, { bank })}
      </p>
      <div
        className="mt-3 h-1.5 overflow-hidden rounded-full bg-brand-100"
        role="progressbar"
        aria-label={heading}
        aria-valuemin={1}
        aria-valuemax={PHASES.length}
        aria-valuenow={Math.max(phase, 0) + 1}
        aria-valuetext={t(`job.state.${job.state}`, { bank })}
      >
        <div
          className="h-full rounded-full bg-brand-700 motion-safe:transition-[width] motion-safe:duration-700"
          style={{ width: `${((Math.max(phase, 0) + 1) / (PHASES.length + 1)) * 100}%` }}
        />
      </div>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
        <div className="flex gap-1.5">
          <dt>{t('job.elapsed')}</dt>
          <dd className="amount font-medium text-slate-900">
            {formatElapsed(elapsedSeconds(job, now), locale)}
          </dd>
        </div>
      </dl>
      {/* How long the bank has kept us waiting, in words: each attempt is one "not ready yet" answer. */}
      {job.attempts > 0 ? (
        <p className="mt-1 text-sm text-slate-700">{tn('job.asked', job.attempts, { bank })}</p>
      ) : null}
      <p className="mt-2 text-sm text-slate-700">{t('job.note')}</p>
    </section>
  );
}
