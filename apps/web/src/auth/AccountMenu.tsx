/** The header's way to the account: "Sign in" for anyone without one; "Security" and "Sign out" for an account. */
import { followLink, navigate, paths } from '../app/router.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { buttonClass } from '../ui/Button.tsx';
import { useAuthSession, useSignOut } from './queries.ts';

export function AccountMenu() {
  const { t } = useI18n();
  const session = useAuthSession();
  const signOut = useSignOut(() => navigate(paths.signIn()));
  if (!session.data) return null;
  const link = (to: string, label: string) => (
    <a
      href={to}
      onClick={(event) => followLink(event, to)}
      className={buttonClass('quiet', 'px-3 whitespace-nowrap')}
    >
      {label}
    </a>
  );
  if (!session.data.user?.account)
    return <nav aria-label={t('auth.security')}>{link(paths.signIn(), t('auth.signIn'))}</nav>;
  return (
    <nav aria-label={t('auth.security')} className="flex items-center">
      {link(paths.security(), t('auth.security'))}
      <button
        type="button"
        className={buttonClass('quiet', 'px-3 whitespace-nowrap')}
        aria-busy={signOut.isPending || undefined}
        onClick={() => signOut.mutate(undefined)}
      >
        {t('auth.signOut')}
      </button>
    </nav>
  );
}
