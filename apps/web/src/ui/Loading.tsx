import { useI18n } from '../i18n/i18n.tsx';
import { Spinner } from './Spinner.tsx';

/** "Loading…" with a spinner, announced politely while a page or a section waits for its data. */
export function Loading({ className = 'py-16' }: { className?: string }) {
  const { t } = useI18n();
  return (
    <p role="status" className={`flex items-center gap-3 text-slate-700 ${className}`}>
      <Spinner className="size-5 text-brand-700" />
      {t('app.loading')}
    </p>
  );
}
