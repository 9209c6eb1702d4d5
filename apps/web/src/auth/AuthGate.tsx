/**
 * The one place that decides which pages a browser may see: with anonymous use off, a stranger sees only the
 * sign-in page (and the header none of the app's navigation); the security page is an account's alone.
 */
import { lazy, type ReactNode, Suspense } from 'react';
import type { Route } from '../app/router.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Spinner } from '../ui/Spinner.tsx';
import { useAuthSession } from './queries.ts';

const SignInPage = lazy(() => import('./SignInPage.tsx').then((m) => ({ default: m.SignInPage })));

/**
 * A stranger on a deployment with anonymous use off: nothing of the app is theirs to see, not even its
 * navigation, until they sign in.
 */
export function useShutOut(): boolean {
  const session = useAuthSession();
  return session.data?.anonymousUse === false && session.data.user?.account !== true;
}

export function AuthGate({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useI18n();
  const session = useAuthSession();
  const shutOut = useShutOut();
  if (session.isPending) {
    return (
      <p role="status" className="flex items-center gap-3 py-16 text-slate-700">
        <Spinner className="size-5 text-brand-700" />
        {t('app.loading')}
      </p>
    );
  }
  const account = session.data?.user?.account === true;
  if (shutOut || (!account && (route.name === 'security' || route.name === 'signIn'))) {
    return (
      <Suspense fallback={<Loading />}>
        <SignInPage />
      </Suspense>
    );
  }
  return children;
}
