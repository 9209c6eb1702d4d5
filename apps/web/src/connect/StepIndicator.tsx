import { useI18n } from '../i18n/i18n.tsx';
import { CheckIcon } from '../ui/icons.tsx';
import type { ConnectStage } from './useFlinksConnect.ts';

/**
 * Where the person is inside Connect, driven by Connect's own events, among the steps of what is happening:
 * a resumed session lists only its questions and the retrieval, never steps the person did not take.
 */
export function StepIndicator({ steps, stage }: { steps: readonly ConnectStage[]; stage: ConnectStage }) {
  const { t } = useI18n();
  // Connect's first events (its mount) may name a step this flow skips: that is still its first step.
  const current = Math.max(0, steps.indexOf(stage));
  const names = steps.map((s) => t(`connect.step.${s}`));
  return (
    <nav aria-label={t('connect.steps')}>
      <p className="sr-only" aria-live="polite">
        {t('connect.stepStatus', {
          current: current + 1,
          total: steps.length,
          name: names[current] ?? '',
        })}
      </p>
      <ol
        className={`grid gap-2 lg:grid-cols-1 lg:gap-0 ${steps.length === 4 ? 'grid-cols-4' : 'grid-cols-2'}`}
      >
        {steps.map((s, index) => {
          const done = index < current;
          const active = index === current;
          return (
            <li
              key={s}
              aria-current={active ? 'step' : undefined}
              className="flex flex-col items-center gap-1.5 text-center lg:flex-row lg:gap-3 lg:py-2.5 lg:text-left"
            >
              <span
                className={`flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${
                  done
                    ? 'bg-brand-700 text-white'
                    : active
                      ? 'bg-white text-brand-800 ring-2 ring-brand-700'
                      : 'bg-white text-slate-600 ring-1 ring-slate-300'
                }`}
              >
                {done ? <CheckIcon className="size-4" /> : index + 1}
              </span>
              <span
                className={`text-xs leading-tight sm:text-sm ${active ? 'font-semibold text-slate-900' : 'text-slate-600'}`}
              >
                {names[index]}
                {done ? <span className="sr-only"> ({t('connect.stepDone')})</span> : null}
                {active ? <span className="sr-only"> ({t('connect.stepCurrent')})</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
