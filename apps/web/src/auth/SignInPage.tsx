/**
 * Signing in with a passkey (discoverable: nothing to type), or with the deployment's single sign-on provider
 * when it has one, or creating an account with a passkey. With anonymous use on, a stranger may also go on
 * without an account. A single sign-on that failed comes back here with `?signInError=`, said in words.
 */
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { Button } from '../ui/Button.tsx';
import { AlertIcon, LockIcon } from '../ui/icons.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { passkeyProblem, signInErrorMessage } from './problems.ts';
import { useAuthSession, useCreatePasskey, useSignIn, useSingleSignOn } from './queries.ts';

export function SignInPage() {
  const { t } = useI18n();
  const session = useAuthSession();
  const navigate = useNavigate();
  // Shown on its own address, in place of the security page, or of any page for a stranger shut out.
  const returned = useSearch({ strict: false }).signInError ?? null;
  const done = () => void navigate({ to: '/' });
  const signIn = useSignIn(done);
  const create = useCreatePasskey(done);
  const singleSignOn = useSingleSignOn();
  const provider = session.data?.singleSignOn ?? null;
  const failure = signIn.error ?? create.error;
  const reset = () => {
    signIn.reset();
    create.reset();
    singleSignOn.reset();
  };
  let problem: string | null = null;
  if (failure) problem = t(passkeyProblem(failure));
  else if (singleSignOn.isError && provider) problem = t('auth.singleSignOnFailed', { name: provider.name });
  else if (returned !== null && provider) {
    problem = t(signInErrorMessage(returned), { name: provider.name });
  }
  return (
    <div className="mx-auto max-w-lg py-6 sm:py-12">
      <div className="flex size-14 items-center justify-center rounded-2xl bg-brand-50 text-brand-700">
        <LockIcon className="size-7" />
      </div>
      <PageHeading className="mt-6">{t('auth.signInTitle')}</PageHeading>
      <p className="mt-3 text-slate-700">{t('auth.signInIntro')}</p>
      {problem ? (
        <p role="alert" className="mt-6 flex gap-2 rounded-xl bg-danger-soft p-4 text-sm text-slate-900">
          <AlertIcon className="mt-0.5 size-4 shrink-0 text-danger" />
          {problem}
        </p>
      ) : null}
      <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:flex-wrap">
        <Button
          className="w-full sm:w-auto"
          busy={signIn.isPending}
          onClick={() => {
            reset();
            signIn.mutate(undefined);
          }}
        >
          {t('auth.signInWithPasskey')}
        </Button>
        {provider ? (
          <Button
            variant="secondary"
            className="w-full sm:w-auto"
            busy={singleSignOn.isPending}
            onClick={() => {
              reset();
              singleSignOn.mutate();
            }}
          >
            {t('auth.signInWith', { name: provider.name })}
          </Button>
        ) : null}
      </div>
      <section aria-labelledby="new-account" className="mt-10 border-t border-slate-200 pt-6">
        <h2 id="new-account" className="font-semibold text-slate-900">
          {t('auth.noAccountYet')}
        </h2>
        <Button
          variant="secondary"
          className="mt-3 w-full sm:w-auto"
          busy={create.isPending}
          onClick={() => {
            reset();
            create.mutate(undefined);
          }}
        >
          {t('auth.createAccount')}
        </Button>
        {session.data?.anonymousUse ? (
          <p className="mt-4 text-sm text-slate-700">
            {t('auth.anonymousNote')} <AppLink to="/">{t('auth.continueWithout')}</AppLink>
          </p>
        ) : null}
      </section>
    </div>
  );
}
