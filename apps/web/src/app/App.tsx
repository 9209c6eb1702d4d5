/**
 * The app shell: providers, the header with the language switch, the page for the current address, and the
 * shared live region.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { shouldRetry } from '../api/queries.ts';
import { AccountMenu } from '../auth/AccountMenu.tsx';
import { AuthGate, useShutOut } from '../auth/AuthGate.tsx';
import { DeletionNotice } from '../auth/DeletionNotice.tsx';
import { KeepDataInvite } from '../auth/KeepDataInvite.tsx';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { Dashboard } from '../links/Dashboard.tsx';
import { AttentionLink } from '../sync/AttentionLink.tsx';
import { ThemePicker } from '../theme/ThemePicker.tsx';
import { ThemeProvider } from '../theme/theme.tsx';
import { useAnnouncement } from '../ui/announcer.ts';
import { ConnectionBanner } from '../ui/ConnectionBanner.tsx';
import { GlobeIcon } from '../ui/icons.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { followLink, paths, type Route, useRoute } from './router.ts';

// Every page but the accounts page is a chunk of its own, loaded when it is visited: the first page loads only
// what it shows.
const AccountPage = lazy(() => import('../accounts/AccountPage.tsx'));
const SpendingPage = lazy(() => import('../spending/SpendingPage.tsx'));
const AttentionPage = lazy(() =>
  import('../sync/AttentionPage.tsx').then((m) => ({ default: m.AttentionPage })),
);
const ConnectView = lazy(() =>
  import('../connect/ConnectView.tsx').then((m) => ({ default: m.ConnectView })),
);
const SignInPage = lazy(() => import('../auth/SignInPage.tsx').then((m) => ({ default: m.SignInPage })));
const SecurityPage = lazy(() =>
  import('../auth/SecurityPage.tsx').then((m) => ({ default: m.SecurityPage })),
);
const SearchPage = lazy(() => import('../search/SearchPage.tsx'));

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ThemeProvider>
          <Shell />
        </ThemeProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  const route = useRoute();
  const announcement = useAnnouncement();
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-lg bg-white px-4 py-2 font-semibold text-brand-800 shadow focus:not-sr-only focus:absolute focus:top-3 focus:left-3 focus:z-50"
      >
        {t('app.skipToContent')}
      </a>
      <Header />
      <ConnectionBanner />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 outline-none sm:px-6 sm:py-10"
      >
        <DeletionNotice />
        <AuthGate route={route}>
          {route.name === 'dashboard' ? <KeepDataInvite /> : null}
          <Page route={route} />
        </AuthGate>
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-6 sm:px-6">
          <p className="text-sm text-slate-600">{t('app.footer')}</p>
          <ThemePicker />
        </div>
      </footer>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

function Header() {
  const { t, language, setLanguage } = useI18n();
  const route = useRoute();
  const home = paths.dashboard();
  const other = language === 'en' ? 'fr' : 'en';
  const shutOut = useShutOut();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex min-h-16 max-w-5xl flex-wrap items-center justify-between gap-x-2 px-4 py-2 sm:px-6">
        <a
          href={home}
          onClick={(event) => followLink(event, home)}
          aria-label={t('app.homeLink')}
          className="flex items-center gap-2.5 rounded-lg text-lg font-semibold tracking-tight text-brand-800"
        >
          <img src="/favicon.svg" alt="" className="size-8" width="32" height="32" />
          {/* On the narrowest phones the logo alone leaves room for the navigation; the link keeps its name. */}
          <span className="max-[400px]:sr-only">{t('app.name')}</span>
        </a>
        {/* A phone's width cannot hold every control beside the name: they wrap rather than overflow. */}
        <div className="flex flex-wrap items-center justify-end gap-1">
          {shutOut ? null : (
            <>
              <AttentionLink />
              <nav aria-label={t('app.nav')}>
                <a
                  href={paths.spending()}
                  onClick={(event) => followLink(event, paths.spending())}
                  aria-current={route.name === 'spending' ? 'page' : undefined}
                  className="inline-flex min-h-11 items-center rounded-lg px-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 aria-[current=page]:bg-brand-50 sm:px-3"
                >
                  {t('app.nav.spending')}
                </a>
              </nav>
            </>
          )}
          <AccountMenu />
          <button
            type="button"
            lang={other}
            aria-label={t('language.switchLabel')}
            onClick={() => setLanguage(other)}
            className="inline-flex min-h-11 items-center gap-2 rounded-lg px-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 sm:px-3"
          >
            <GlobeIcon className="size-4" />
            {t('language.switch')}
          </button>
        </div>
      </div>
    </header>
  );
}

function Page({ route }: { route: Route }) {
  return (
    <Suspense fallback={<Loading />}>
      <PageContent route={route} />
    </Suspense>
  );
}

function PageContent({ route }: { route: Route }) {
  const { t } = useI18n();
  switch (route.name) {
    case 'dashboard':
      return <Dashboard />;
    case 'attention':
      return <AttentionPage />;
    case 'connect':
      return <ConnectView key={route.jobId ?? 'new'} jobId={route.jobId} />;
    case 'account':
      return <AccountPage key={route.accountId} accountId={route.accountId} />;
    case 'search':
      return <SearchPage />;
    case 'spending':
      return <SpendingPage view={route} />;
    case 'signIn':
      return <SignInPage />;
    case 'security':
      return <SecurityPage />;
    case 'notFound':
      return (
        <div className="py-12">
          <PageHeading>{t('app.notFound.title')}</PageHeading>
          <p className="mt-3 text-slate-700">{t('app.notFound.body')}</p>
          <a
            href={paths.dashboard()}
            onClick={(event) => followLink(event, paths.dashboard())}
            className="mt-6 inline-flex font-semibold text-brand-700 underline"
          >
            {t('app.backHome')}
          </a>
        </div>
      );
  }
}
