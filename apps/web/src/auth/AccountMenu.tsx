/** The header's way to the account: "Sign in" for anyone without one; "Security" and "Sign out" for an account. */
import { useNavigate } from '@tanstack/react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { buttonClass } from '../ui/Button.tsx';
import { useAuthSession, useSignOut } from './queries.ts';

export function AccountMenu() {
  const { t } = useI18n();
  const session = useAuthSession();
  const navigate = useNavigate();
  const signOut = useSignOut(() => void navigate({ to: '/sign-in' }));
  if (!session.data) return null;
  const link = (to: '/sign-in' | '/settings/security', label: string) => (
    <AppLink to={to} look="plain" className={buttonClass('quiet', 'px-3 whitespace-nowrap')}>
      {label}
    </AppLink>
  );
  if (!session.data.user?.account)
    return <nav aria-label={t('auth.security')}>{link('/sign-in', t('auth.signIn'))}</nav>;
  return (
    <nav aria-label={t('auth.security')} className="flex items-center">
      {link('/settings/security', t('auth.security'))}
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
