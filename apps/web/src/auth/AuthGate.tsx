/**
 * The one place that decides which pages a browser may see: with anonymous use off, a stranger sees only the
 * sign-in page (and the header none of the app's navigation); the security page is an account's alone.
 */
import { lazy, type ReactNode, Suspense } from 'react';
import { Loading } from '../ui/Loading.tsx';
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

/** `accountsOnly`: the page is an account's alone (the security page); anyone else is asked to sign in. */
export function AuthGate({ accountsOnly, children }: { accountsOnly: boolean; children: ReactNode }) {
  const session = useAuthSession();
  const shutOut = useShutOut();
  if (session.isPending) {
    return <Loading />;
  }
  const account = session.data?.user?.account === true;
  if (shutOut || (!account && accountsOnly)) {
    return (
      <Suspense fallback={<Loading />}>
        <SignInPage />
      </Suspense>
    );
  }
  return children;
}
