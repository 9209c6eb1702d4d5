/**
 * The app shell, the root route's page: the header with the navigation and the language switch, the current
 * page (behind AuthGate), the footer, and the shared live region.
 */
import { Outlet, useRouterState } from '@tanstack/react-router';
import { AccountMenu } from '../auth/AccountMenu.tsx';
import { AuthGate, useShutOut } from '../auth/AuthGate.tsx';
import { DeletionNotice } from '../auth/DeletionNotice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { AttentionLink } from '../sync/AttentionLink.tsx';
import { ThemePicker } from '../theme/ThemePicker.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { useAnnouncement } from '../ui/announcer.ts';
import { ConnectionBanner } from '../ui/ConnectionBanner.tsx';
import { GlobeIcon } from '../ui/icons.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';

export function Shell() {
  const { t } = useI18n();
  const announcement = useAnnouncement();
  const accountsOnly = useRouterState({
    select: (state) => state.matches.some((match) => match.staticData.accountsOnly === true),
  });
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
        <AuthGate accountsOnly={accountsOnly}>
          <Outlet />
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
  const other = language === 'en' ? 'fr' : 'en';
  const shutOut = useShutOut();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex min-h-16 max-w-5xl flex-wrap items-center justify-between gap-x-2 px-4 py-2 sm:px-6">
        <AppLink
          to="/"
          look="plain"
          aria-label={t('app.homeLink')}
          className="flex items-center gap-2.5 rounded-lg text-lg font-semibold tracking-tight text-brand-800"
        >
          <img src="/favicon.svg" alt="" className="size-8" width="32" height="32" />
          {/* On the narrowest phones the logo alone leaves room for the navigation; the link keeps its name. */}
          <span className="max-[400px]:sr-only">{t('app.name')}</span>
        </AppLink>
        {/* A phone's width cannot hold every control beside the name: they wrap rather than overflow. */}
        <div className="flex flex-wrap items-center justify-end gap-1">
          {shutOut ? null : (
            <>
              <AttentionLink />
              <nav aria-label={t('app.nav')}>
                <AppLink to="/spending" look="nav" activeOptions={{ includeSearch: false }}>
                  {t('app.nav.spending')}
                </AppLink>
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
            {/* A phone leaves out the globe, so that the header keeps to one line at 375 px in either language. */}
            <GlobeIcon className="size-4 max-sm:hidden" />
            {t('language.switch')}
          </button>
        </div>
      </div>
    </header>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <div className="py-12">
      <PageHeading>{t('app.notFound.title')}</PageHeading>
      <p className="mt-3 text-slate-700">{t('app.notFound.body')}</p>
      <AppLink to="/" className="mt-6 inline-flex">
        {t('app.backHome')}
      </AppLink>
    </div>
  );
}
