/** After an account deletion: what was removed, on whatever page the browser lands, until dismissed. */
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from '../ui/Button.tsx';
import { rememberDeletion, useLastDeletion } from './deletion.ts';

export function DeletionNotice() {
  const { t } = useI18n();
  const removed = useLastDeletion();
  if (removed === null) return null;
  return (
    <section
      role="status"
      aria-labelledby="deleted"
      className="mb-6 rounded-xl bg-brand-50 p-4 text-slate-900"
    >
      <h2 id="deleted" className="font-semibold">
        {t('data.deleted.title')}
      </h2>
      <p className="mt-1 text-sm">{t('data.deleted.body', { ...removed })}</p>
      <Button variant="quiet" className="mt-2 -ml-4" onClick={() => rememberDeletion(null)}>
        {t('action.dismiss')}
      </Button>
    </section>
  );
}
