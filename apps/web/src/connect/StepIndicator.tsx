import { useI18n } from '../i18n/i18n.tsx';
import { CheckIcon } from '../ui/icons.tsx';
import { CONNECT_STAGES, type ConnectStage } from './useFlinksConnect.ts';

/** Where the person is inside Connect, driven by Connect's own events. */
export function StepIndicator({ stage }: { stage: ConnectStage }) {
  const { t } = useI18n();
  const current = CONNECT_STAGES.indexOf(stage);
  const names = CONNECT_STAGES.map((s) => t(`connect.step.${s}`));
  return (
    <nav aria-label={t('connect.steps')}>
      <p className="sr-only" aria-live="polite">
        {t('connect.stepStatus', {
          current: current + 1,
          total: CONNECT_STAGES.length,
          name: names[current] ?? '',
        })}
      </p>
      <ol className="grid grid-cols-4 gap-2 lg:grid-cols-1 lg:gap-0">
        {CONNECT_STAGES.map((s, index) => {
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
