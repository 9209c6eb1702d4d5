/**
 * A running job, followed live: the stages it has really passed (signing in, the bank preparing the data,
 * saving what it sent, with how many transactions), what it is doing now (announced politely), how long it
 * has been going and how many times the bank was asked whether the data is ready.
 */
import type { Job, JobStage } from '@passbook/contracts';
import { formatElapsed } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { CheckIcon } from '../ui/icons.tsx';
import { useNow } from '../ui/useNow.ts';

/** The stages a retrieval goes through, in order; the bar stands at the one the server says. */
const STAGES = [
  'starting',
  'signing_in',
  'waiting_for_bank',
  'storing',
] as const satisfies readonly JobStage[];
/** What the list of steps names: getting ready is not a step a person waits for. */
const STEPS = ['signing_in', 'waiting_for_bank', 'storing'] as const;

export function elapsedSeconds(
  job: Pick<Job, 'createdAt' | 'startedAt' | 'finishedAt'>,
  now: number,
): number {
  const start = Date.parse(job.startedAt ?? job.createdAt);
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  return Math.max(0, (end - start) / 1000);
}

/** How far along the bar is: each stage passed fills its share; the last share is the end itself. */
export function stageIndex(stage: JobStage): number {
  if (stage === 'finished') return STAGES.length;
  return Math.max(0, STAGES.indexOf(stage as (typeof STAGES)[number]));
}

export function JobProgress({ job, bank }: { job: Job; bank: string }) {
  const { t, tn, locale } = useI18n();
  const now = useNow(1000, !job.finishedAt);
  const index = stageIndex(job.stage);
  const heading = job.kind === 'link' ? t('job.heading.link', { bank }) : t('job.heading.refresh', { bank });
  const doing =
    job.stage === 'storing' && job.storingTransactions !== null
      ? tn('job.stage.storing', job.storingTransactions)
      : job.stage === 'signing_in'
        ? t('job.stage.signing_in', { bank })
        : job.stage === 'waiting_for_bank'
          ? t('job.stage.waiting_for_bank', { bank })
          : t('job.stage.starting');
  return (
    <section aria-label={heading} className="rounded-xl bg-brand-50 p-4 ring-1 ring-brand-100">
      <p className="font-semibold text-slate-900" role="status">
        {doing}
      </p>
      <div
        className="mt-3 h-1.5 overflow-hidden rounded-full bg-brand-100"
        role="progressbar"
        aria-label={heading}
        aria-valuemin={0}
        aria-valuemax={STAGES.length}
        aria-valuenow={index + 1}
        aria-valuetext={doing}
      >
        <div
          className="h-full rounded-full bg-brand-700 motion-safe:transition-[width] motion-safe:duration-700"
          style={{ width: `${((index + 1) / (STAGES.length + 1)) * 100}%` }}
        />
      </div>
      <ol className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label={t('job.steps')}>
        {STEPS.map((step) => {
          const at = STAGES.indexOf(step);
          const state = at < index ? 'done' : at === index ? 'current' : 'later';
          return (
            <li
              key={step}
              aria-current={state === 'current' ? 'step' : undefined}
              className={`flex items-center gap-1.5 ${
                state === 'later' ? 'text-slate-600' : 'font-medium text-slate-900'
              }`}
            >
              {state === 'done' ? (
                <CheckIcon className="size-4 text-credit" />
              ) : (
                <span
                  aria-hidden="true"
                  className={`inline-block size-2 rounded-full ${
                    state === 'current' ? 'bg-brand-700' : 'bg-slate-300'
                  }`}
                />
              )}
              {t(`job.step.${step}`, { bank })}
              {state === 'done' ? <span className="sr-only"> ({t('job.step.done')})</span> : null}
            </li>
          );
        })}
      </ol>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
        <div className="flex gap-1.5">
          <dt>{t('job.elapsed')}</dt>
          <dd className="amount font-medium text-slate-900">
            {formatElapsed(elapsedSeconds(job, now), locale)}
          </dd>
        </div>
      </dl>
      {/* How long the bank has kept us waiting, in words: each attempt is one "not ready yet" answer. */}
      {job.attempts > 0 && job.stage === 'waiting_for_bank' ? (
        <p className="mt-1 text-sm text-slate-700">{tn('job.asked', job.attempts, { bank })}</p>
      ) : null}
      <p className="mt-2 text-sm text-slate-700">{t('job.note')}</p>
    </section>
  );
}
