import type { Account, Link } from '@passbook/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../src/app/App.tsx';
import { validateDashboardSearch } from '../../src/app/router.tsx';
import { I18nProvider, loadDictionary } from '../../src/i18n/i18n.tsx';
import { Dashboard } from '../../src/links/Dashboard.tsx';
import { routed } from '../router.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const LINK_ID = '0b7d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4';
let n = 0;
function account(title: string, type: string, currency: string, current: number): Account {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    linkId: LINK_ID,
    title,
    type,
    category: null,
    kind:
      type === 'Chequing'
        ? 'chequing'
        : type === 'Savings'
          ? 'savings'
          : type === 'CreditCard'
            ? 'credit'
            : 'other',
    currency,
    mask: `11110${n}`,
    balance: { current, available: current, limit: null },
    transactionCount: 10,
    updatedAt: '2026-03-10T12:00:00.000Z',
  };
}

function link(overrides: Partial<Link>): Link {
  return {
    id: LINK_ID,
    institution: 'Flinks Capital',
    name: null,
    username: null,
    status: 'active',
    createdAt: '2026-03-01T12:00:00.000Z',
    lastRefreshAt: '2026-03-10T12:00:00.000Z',
    lastError: null,
    activeJob: null,
    health: { needsYou: false, nextSyncAt: null, problem: null },
    accounts: [],
    ...overrides,
  };
}

/** Answers `/api/links` with these links, and `/api/net-worth` with this history (none by default). */
function serve(links: Link[], netWorth: unknown = { currencies: [] }) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async (url: string) =>
        new Response(JSON.stringify(String(url).startsWith('/api/net-worth') ? netWorth : { links }), {
          headers: { 'content-type': 'application/json' },
        }),
    ),
  );
}

function show(language: 'en' | 'fr' = 'en') {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider initial={language}>
        {routed(<Dashboard />, { validateSearch: validateDashboardSearch }).element}
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe('the accounts page', () => {
  it('invites to connect a first bank, saying Passbook never sees the password', async () => {
    serve([]);
    show();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Connect a bank' }).getAttribute('href')).toBe('/connect');
    expect(screen.getByText(/never sees your password/)).toBeTruthy();
  });

  it('totals each currency on its own and shows only the last digits of account numbers', async () => {
    serve([
      link({
        accounts: [
          account('Chequing CAD', 'Chequing', 'CAD', 100_000),
          account('Savings CAD', 'Savings', 'CAD', 50_050),
          account('Chequing USD', 'Chequing', 'USD', 20_000),
        ],
      }),
    ]);
    show();
    const totals = await screen.findByRole('region', { name: 'Totals by currency' });
    expect(within(totals).getAllByText('$1,500.50')).toHaveLength(2);
    expect(within(totals).getAllByText('US$200.00')).toHaveLength(2);
    expect(screen.queryByText(/111101/)).toBeNull();
    expect(screen.getAllByText(/•••• \d{4}/).length).toBe(3);
  });

  it('explains a failed link naming the bank, and offers to connect again', async () => {
    serve([link({ status: 'error', lastError: { code: 'DISABLED_LOGIN', message: 'Login disabled' } })]);
    show();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Flinks Capital has deactivated this sign-in');
    expect(within(alert).getByRole('button', { name: 'Connect again' })).toBeTruthy();
  });

  it('after a failure of the bank’s side, says when the next automatic try is: tomorrow at 14:00 in French', async () => {
    const tomorrowAt14 = new Date();
    tomorrowAt14.setDate(tomorrowAt14.getDate() + 1);
    tomorrowAt14.setHours(14, 0, 0, 0);
    const retryAt = tomorrowAt14.toISOString();
    const failed = link({
      status: 'error',
      lastError: { code: 'RETRY_LATER', message: 'Try later' },
      health: {
        needsYou: false,
        nextSyncAt: retryAt,
        problem: { code: 'RETRY_LATER', source: 'retrieval', retryAt },
      },
    });
    serve([failed]);
    show();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Flinks Capital cannot be reached right now');
    expect(alert.textContent?.replace(/\s/g, ' ')).toContain('We will try again tomorrow at 2:00 p.m.');
    cleanup();
    serve([failed]);
    await loadDictionary('fr');
    show('fr');
    const enFrancais = await screen.findByRole('alert');
    expect(enFrancais.textContent?.replace(/\s/g, ' ')).toContain('Nous réessaierons demain à 14 h 00.');
  });

  it('promises no automatic try for what only the person can fix', async () => {
    serve([
      link({
        status: 'error',
        lastError: { code: 'INVALID_PASSWORD', message: 'Bad password' },
        health: {
          needsYou: true,
          nextSyncAt: '2026-03-11T12:00:00.000Z',
          problem: { code: 'INVALID_PASSWORD', source: 'retrieval', retryAt: null },
        },
      }),
    ]);
    show();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toContain('We will try again');
  });

  it('speaks French when asked, amounts included', async () => {
    serve([link({ accounts: [account('Chèques', 'Chequing', 'CAD', 123_456)] })]);
    await loadDictionary('fr');
    show('fr');
    const totals = await screen.findByRole('region', { name: 'Totaux par devise' });
    expect(totals.textContent?.replace(/\s/g, ' ')).toContain('1 234,56 $');
    expect(screen.getByRole('button', { name: /Actualiser les données de Flinks Capital/ })).toBeTruthy();
  });

  it('shows net worth as what is held, investments included, less what is owed, and its history in words', async () => {
    serve(
      [
        link({
          accounts: [
            account('Chequing', 'Chequing', 'CAD', 100_000),
            { ...account('Brokerage', 'Investment', 'CAD', 400_000), kind: 'investment' },
            account('Visa', 'CreditCard', 'CAD', 25_000),
          ],
        }),
      ],
      {
        currencies: [
          {
            currency: 'CAD',
            assets: 500_000,
            owed: 25_000,
            net: 475_000,
            points: [{ date: '2026-03-10', assets: 500_000, owed: 25_000, net: 475_000 }],
          },
        ],
      },
    );
    show();
    const totals = await screen.findByRole('region', { name: 'Totals by currency' });
    expect(within(totals).getByTestId('net-worth').textContent).toBe('$4,750.00');
    expect(within(totals).getByText('$250.00')).toBeTruthy();
    const history = await screen.findByRole('region', { name: 'Net worth over time' });
    expect(await within(history).findByText(/\$4,750\.00 on Mar 10, 2026/)).toBeTruthy();
    expect(
      within(history).getByRole('button', { name: '1Y, the last year' }).getAttribute('aria-pressed'),
    ).toBe('true');
  });
});
