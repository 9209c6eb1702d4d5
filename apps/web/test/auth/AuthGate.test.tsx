import type { AuthSessionResponse } from '@passbook/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../src/app/App.tsx';
import type { Route } from '../../src/app/router.ts';
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

function show(route: Route) {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider initial="en">
        <AuthGate route={route}>
          <p>the page</p>
        </AuthGate>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

const signInHeading = () => screen.findByRole('heading', { level: 1, name: 'Sign in to Passbook' });

describe('which pages a browser may see', () => {
  it('shows a stranger the pages when anonymous use is on', async () => {
    serve({ user: null, anonymousUse: true });
    show({ name: 'dashboard' });
    expect(await screen.findByText('the page')).toBeTruthy();
  });

  it('shows a stranger nothing but the sign-in page when anonymous use is off', async () => {
    serve({ user: null, anonymousUse: false });
    show({ name: 'dashboard' });
    expect(await signInHeading()).toBeTruthy();
    expect(screen.queryByText('the page')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Continue without an account' })).toBeNull();
  });

  it('keeps the security page for accounts: an anonymous user is asked to sign in', async () => {
    serve({ user: ANONYMOUS, anonymousUse: true });
    show({ name: 'security' });
    expect(await signInHeading()).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Continue without an account' })).toBeTruthy();
  });

  it('shows an account its pages whatever the setting', async () => {
    serve({ user: ACCOUNT, anonymousUse: false });
    show({ name: 'security' });
    expect(await screen.findByText('the page')).toBeTruthy();
  });
});
