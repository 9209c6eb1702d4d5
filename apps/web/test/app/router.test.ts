import { createMemoryHistory } from '@tanstack/react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../src/app/App.tsx';
import { hasNavigated } from '../../src/app/navigation.ts';
import {
  createAppRouter,
  parseSearch,
  stringifySearch,
  validateAccountSearch,
  validateDashboardSearch,
  validateFilterSearch,
  validateSpendingSearch,
} from '../../src/app/router.tsx';

function routerAt(address: string) {
  return createAppRouter({
    queryClient: createQueryClient(),
    history: createMemoryHistory({ initialEntries: [address] }),
  });
}

describe('the addresses', () => {
  it('matches each page of the address scheme, trailing slash or not; an unknown one matches no page', async () => {
    const cases: [string, string][] = [
      ['/', '/'],
      ['/connect?job=j1', '/connect'],
      ['/accounts/acc-1', '/accounts/$accountId'],
      ['/search?q=rent', '/search'],
      ['/attention', '/attention'],
      ['/spending/', '/spending'],
      ['/sign-in', '/sign-in'],
      ['/settings/security', '/settings/security'],
    ];
    for (const [address, route] of cases) {
      const router = routerAt(address);
      await router.load();
      expect(router.state.matches.at(-1)?.routeId, address).toBe(route);
    }
    const unknown = routerAt('/no/such/page');
    await unknown.load();
    // Only the shell: its not-found page stands in for the page.
    expect(unknown.state.matches.map((match) => match.routeId)).toEqual(['__root__']);
  });

  it('builds the same addresses as before: ids encoded, filters as plain parameters', () => {
    const router = routerAt('/');
    expect(
      router.buildLocation({
        to: '/accounts/$accountId',
        params: { accountId: 'a b/c' },
        search: { q: 'rent 123', from: '2026-01-01' },
      }).href,
    ).toBe('/accounts/a%20b%2Fc?q=rent+123&from=2026-01-01');
    expect(router.buildLocation({ to: '/connect', search: { job: 'j1' } }).href).toBe('/connect?job=j1');
    expect(
      router.buildLocation({
        to: '/spending',
        search: { month: '2026-03', currency: 'CAD', category: undefined },
      }).href,
    ).toBe('/spending?month=2026-03&currency=CAD');
  });

  it('reads and writes query strings as text: a search for 123 stays "123", empty values are left out', () => {
    expect(parseSearch('?q=123&from=')).toEqual({ q: '123', from: '' });
    expect(stringifySearch({ q: '123', from: '', to: undefined })).toBe('?q=123');
    expect(stringifySearch({})).toBe('');
  });

  it('tells when the page changed inside the app, never for the first load', async () => {
    const router = routerAt('/');
    await router.load();
    expect(hasNavigated()).toBe(false);
    await router.navigate({ to: '/attention' });
    expect(hasNavigated()).toBe(true);
  });
});

describe('what a page asks for before it renders', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for the session first, then the account page its banks, transactions, balances and statements', async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string) => {
        asked.push(new URL(path, 'http://localhost:3000').pathname);
        return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    const router = routerAt('/accounts/acc-1?q=rent');
    await router.load();
    // The loader started the page's chunk without waiting for it: it is waited for here, so that nothing is
    // still loading once the test's environment is gone.
    await import('../../src/accounts/AccountPage.tsx');
    expect(asked[0]).toBe('/api/auth/session');
    expect(asked.slice(1).sort()).toEqual(
      [
        '/api/links',
        '/api/accounts/acc-1/transactions',
        '/api/accounts/acc-1/balances',
        '/api/accounts/acc-1/statements',
      ].sort(),
    );
  });
});

describe("each route's query parameters", () => {
  it('keeps the table filters that are well formed: the search cut at 200 characters, real dates', () => {
    expect(validateFilterSearch({ q: 'x'.repeat(250), from: '2026-02-01', to: '01/03/2026' })).toEqual({
      q: 'x'.repeat(200),
      from: '2026-02-01',
      to: undefined,
    });
    expect(validateFilterSearch({ q: '', from: 5 })).toEqual({
      q: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it('keeps a chart period only when it is one of the periods offered', () => {
    expect(validateAccountSearch({ range: '3m', q: 'rent' })).toMatchObject({ range: '3m', q: 'rent' });
    expect(validateAccountSearch({ range: '2w' }).range).toBeUndefined();
    expect(validateDashboardSearch({ range: 'all', currency: 'USD' })).toEqual({
      range: 'all',
      currency: 'USD',
    });
    expect(validateDashboardSearch({ currency: 'usd' }).currency).toBeUndefined();
  });

  it('keeps the spending view that is well formed: a real month, a currency code, a known category', () => {
    expect(validateSpendingSearch({ month: '2026-03', currency: 'CAD', category: 'groceries' })).toEqual({
      month: '2026-03',
      currency: 'CAD',
      category: 'groceries',
    });
    expect(validateSpendingSearch({ month: '2026-13', currency: 'CA', category: 'lottery' })).toEqual({
      month: undefined,
      currency: undefined,
      category: undefined,
    });
  });
});
