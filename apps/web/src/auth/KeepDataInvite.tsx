/**
 * Once an anonymous person has data on screen, the invitation to keep it with a passkey, or with the single
 * sign-on provider when the deployment has one: until then it lives in this browser only.
 */
import { useLinks } from '../api/queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Button } from '../ui/Button.tsx';
import { LockIcon } from '../ui/icons.tsx';
import { passkeyProblem } from './problems.ts';
import { useAuthSession, useCreatePasskey, useSingleSignOn } from './queries.ts';

export function KeepDataInvite() {
  const { t } = useI18n();
  const session = useAuthSession();
  const links = useLinks();
  const create = useCreatePasskey();
  const singleSignOn = useSingleSignOn();
  if (create.isSuccess) {
    return (
      <p role="status" className="mb-6 rounded-xl bg-brand-50 p-4 text-sm text-brand-900">
        {t('auth.invite.done')}
      </p>
    );
  }
  // Links on screen mean an anonymous user, even when the session was read before the first link.
  if (!session.data || session.data.user?.account || !links.data || links.data.length === 0) return null;
  const provider = session.data.singleSignOn;
  return (
    <section
      aria-labelledby="keep-data"
      className="mb-6 flex flex-col gap-4 rounded-xl border border-brand-200 bg-brand-50 p-4 sm:flex-row sm:items-center"
    >
      <LockIcon className="hidden size-6 shrink-0 text-brand-700 sm:block" />
      <div className="min-w-0 flex-1">
        <h2 id="keep-data" className="font-semibold text-slate-900">
          {t('auth.invite.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-800">{t('auth.invite.body')}</p>
        {create.isError ? (
          <p role="alert" className="mt-2 text-sm font-semibold text-danger">
            {t(passkeyProblem(create.error))}
          </p>
        ) : null}
        {singleSignOn.isError && provider ? (
          <p role="alert" className="mt-2 text-sm font-semibold text-danger">
            {t('auth.singleSignOnFailed', { name: provider.name })}
          </p>
        ) : null}
      </div>
      <div className="flex flex-col gap-2 sm:items-end">
        <Button busy={create.isPending} onClick={() => create.mutate(undefined)}>
          {t('auth.invite.action')}
        </Button>
        {provider ? (
          <Button variant="quiet" busy={singleSignOn.isPending} onClick={() => singleSignOn.mutate()}>
            {t('auth.invite.or', { name: provider.name })}
          </Button>
        ) : null}
      </div>
    </section>
  );
}
