import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank, waitForAccounts } from '../../support/connect.ts';
import { CLOSED_APP_URL } from '../../support/env.ts';
import { createAccountWithPasskey, signInWithPasskey } from '../../support/passkeys.ts';
import { signInWithProvider } from '../../support/single-sign-on.ts';

/** The second app of the suite: ANONYMOUS_USE=false, nobody uses Passbook without an account. */
test.use({ baseURL: CLOSED_APP_URL });

const PAGES = ['/', '/accounts/00000000-0000-4000-8000-000000000001', '/spending', '/connect', '/attention'];
const API = [
  '/api/links',
  '/api/accounts/00000000-0000-4000-8000-000000000001/transactions',
  '/api/spending',
  '/api/consents',
  '/api/account/sessions',
];

async function seesOnlySignIn(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Passbook' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Continue without an account' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Connect a bank/ })).toHaveCount(0);
  // Not even the app's navigation.
  await expect(page.getByRole('link', { name: 'Spending' })).toHaveCount(0);
}

async function refusesTheApi(page: Page): Promise<void> {
  for (const path of API) {
    const answer = await page.request.get(path);
    expect(answer.status(), path).toBe(401);
    expect((await answer.json()).error.code, path).toBe('SIGN_IN_REQUIRED');
  }
  const write = await page.request.post('/api/links', {
    data: { loginId: crypto.randomUUID() },
    headers: { origin: CLOSED_APP_URL },
  });
  expect(write.status()).toBe(401);
  const token = await page.request.post('/api/connect/token', {
    data: {},
    headers: { origin: CLOSED_APP_URL },
  });
  expect(token.status()).toBe(401);
}

test.describe('with anonymous use off', () => {
  test('a stranger gets nothing but the sign-in page; after a passkey the app works', async ({ page }) => {
    for (const path of PAGES) await seesOnlySignIn(page, path);
    await expectAccessible(page, 'sign-in, anonymous use off');
    await refusesTheApi(page);
    const cookies = await page.context().cookies();
    expect(cookies.filter((cookie) => cookie.name === 'passbook_session')).toEqual([]);

    await createAccountWithPasskey(page, '/spending');
    await expect(page.getByRole('link', { name: 'Spending' })).toBeVisible();
    await page.goto('/');
    await linkBank(page, 'greatday_nomfa');
    expect((await page.request.get('/api/links')).status()).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await seesOnlySignIn(page, '/');
    await refusesTheApi(page);
    await signInWithPasskey(page);
    await waitForAccounts(page);
  });

  test('a stranger signs in with the provider, and the app works', async ({ page }) => {
    await seesOnlySignIn(page, '/accounts/00000000-0000-4000-8000-000000000001');
    await signInWithProvider(page, `person-${crypto.randomUUID()}`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
    ).toBeVisible();
    await linkBank(page, 'greatday_nomfa');
  });
});
