import { useI18n } from '../i18n/i18n.tsx';
import { cn } from './cn.ts';
import { Spinner } from './Spinner.tsx';

/**
 * "Loading…" (or what is being waited for) with a spinner, announced politely while a page or a section
 * waits for its data.
 */
export function Loading({ className, label }: { className?: string; label?: string }) {
  const { t } = useI18n();
  return (
    <p role="status" className={cn('flex items-center gap-3 py-16 text-slate-700', className)}>
      <Spinner className="size-5 text-brand-700" />
      {label ?? t('app.loading')}
    </p>
  );
}

/** The grey block that holds a chart's or a section's place while its data comes, pulsing unless motion is reduced. */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div aria-hidden="true" className={cn('rounded-xl bg-slate-100 motion-safe:animate-pulse', className)} />
  );
}
