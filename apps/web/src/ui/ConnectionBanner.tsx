import { routes } from '@passbook/contracts/routes';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { request } from '../api/client.ts';
import { useOfflineSavedAt, useServerReachable } from '../api/reachability.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AlertIcon } from './icons.tsx';

/** How often the page asks again while the server does not answer. */
const PROBE_MS = 2_000;

/**
 * Says, as soon as a request finds no server, that Passbook cannot be reached; meanwhile it keeps asking, and
 * once the server answers again it goes away and everything on the page is read afresh.
 */
export function ConnectionBanner() {
  const { t, locale } = useI18n();
  const reachable = useServerReachable();
  const savedAt = useOfflineSavedAt();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (reachable) return;
    const probe = window.setInterval(() => {
      request(routes.health).catch(() => undefined);
    }, PROBE_MS);
    return () => {
      window.clearInterval(probe);
      void queryClient.invalidateQueries();
    };
  }, [reachable, queryClient]);

  if (reachable) return null;
  return (
    <div role="alert" className="border-b border-red-200 bg-danger-soft">
      <div className="mx-auto flex max-w-5xl gap-3 px-4 py-3 sm:px-6">
        <AlertIcon className="mt-0.5 size-5 shrink-0 text-danger" />
        <p className="min-w-0 text-sm text-slate-900">
          <span className="font-semibold text-danger">{t('connection.lost.title')}</span>{' '}
          {t('connection.lost.body')}
          {savedAt ? <> {t('connection.lastSeen', { date: formatDateTime(savedAt, locale) })}</> : null}
        </p>
      </div>
    </div>
  );
}
