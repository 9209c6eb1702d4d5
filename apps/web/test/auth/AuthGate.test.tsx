import type { AuthSessionResponse } from '@passbook/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../src/app/App.tsx';
import { AuthGate } from '../../src/auth/AuthGate.tsx';
import { I18nProvider } from '../../src/i18n/i18n.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ANONYMOUS = { id: '00000000-0000-4000-8000-000000000001', account: false, passkeys: 0 };
const ACCOUNT = { ...ANONYMOUS, account: true, passkeys: 1 };

function serve(session: AuthSessionResponse) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () => new Response(JSON.stringify(session), { headers: { 'content-type': 'application/json' } }),
    ),
  );
}

/** AuthGate around "the page" at `address`, in a router of its own: an account's page when `accountsOnly`. */
function show(accountsOnly: boolean, address = '/') {
  const root = createRootRoute({
    component: () => (
      <AuthGate accountsOnly={accountsOnly}>
        <Outlet />
      </AuthGate>
    ),
  });
  const page = createRoute({ getParentRoute: () => root, path: '$', component: () => <p>the page</p> });
  const router = createRouter({
    routeTree: root.addChildren([page]),
    history: createMemoryHistory({ initialEntries: [address] }),
  });
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider initial="en">
        <RouterProvider router={router} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

const signInHeading = () => screen.findByRole('heading', { level: 1, name: 'Sign in to Passbook' });

describe('which pages a browser may see', () => {
  it('shows a stranger the pages when anonymous use is on', async () => {
    serve({ user: null, anonymousUse: true, singleSignOn: null });
    show(false);
    expect(await screen.findByText('the page')).toBeTruthy();
  });

  it('shows a stranger nothing but the sign-in page when anonymous use is off', async () => {
    serve({ user: null, anonymousUse: false, singleSignOn: null });
    show(false);
    expect(await signInHeading()).toBeTruthy();
    expect(screen.queryByText('the page')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Continue without an account' })).toBeNull();
  });

  it('keeps the security page for accounts: an anonymous user is asked to sign in', async () => {
    serve({ user: ANONYMOUS, anonymousUse: true, singleSignOn: null });
    show(true);
    expect(await signInHeading()).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Continue without an account' })).toBeTruthy();
  });

  it('shows an account its pages whatever the setting', async () => {
    serve({ user: ACCOUNT, anonymousUse: false, singleSignOn: null });
    show(true);
    expect(await screen.findByText('the page')).toBeTruthy();
  });

  it('offers the single sign-on provider, and says in words why a sign-in with it came back refused', async () => {
    serve({ user: null, anonymousUse: false, singleSignOn: { name: 'Acme ID' } });
    show(false, '/sign-in?signInError=OIDC_STATE_MISMATCH');
    expect(await screen.findByRole('button', { name: 'Sign in with Acme ID' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('was not started from this browser');
  });
});
