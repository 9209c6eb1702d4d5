import { expect, test } from '@playwright/test';
import { openAccount, shownTransactionCount } from '../../support/accounts.ts';
import { linkBank, openConnect } from '../../support/connect.ts';

test.describe('what a browser keeps', () => {
  test('a reload keeps the accounts page and an account page as they were', async ({ page }) => {
    await page.goto('/');
    await linkBank(page, 'greatday_nomfa');
    const bank = page.getByRole('region', { name: 'Flinks Capital' });
    const accountNames = await bank.getByRole('link').allTextContents();
    const totals = await page.getByRole('region', { name: 'Totals by currency' }).textContent();

    await page.reload();
    await expect(bank.getByRole('link')).toHaveText(accountNames);
    await expect(page.getByRole('region', { name: 'Totals by currency' })).toHaveText(totals ?? '');
    await expect(bank.getByText(/^Last updated/)).toBeVisible();

    await openAccount(page, 'Savings CAD');
    const count = await shownTransactionCount(page);
    const firstRow = await page
      .getByRole('region', { name: 'Transactions, newest first' })
      .getByRole('row')
      .nth(1)
      .textContent();
    const url = page.url();

    await page.reload();
    expect(page.url()).toBe(url);
    await expect(page.getByRole('heading', { level: 1, name: 'Savings CAD' })).toBeVisible();
    expect(await shownTransactionCount(page)).toBe(count);
    await expect(
      page.getByRole('region', { name: 'Transactions, newest first' }).getByRole('row').nth(1),
    ).toHaveText(firstRow ?? '');
  });

  test('another browser sees none of the first one’s banks, accounts or transactions', async ({
    page,
    browser,
  }) => {
    await page.goto('/');
    await linkBank(page, 'greatday_nomfa');
    await openAccount(page, 'Chequing CAD');
    const accountUrl = page.url();
    const accountPath = new URL(accountUrl).pathname;
    const accountId = accountPath.split('/').pop() ?? '';
    const linkId = await page.request
      .get('/api/links')
      .then(async (r) => (await r.json()).links[0].id as string);

    const other = await browser.newContext();
    try {
      const stranger = await other.newPage();
      await stranger.goto('/');
      await expect(
        stranger.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
      ).toBeVisible();
      // Opening Connect gives this browser a user of its own.
      await openConnect(stranger);
      await stranger.getByRole('button', { name: 'Cancel' }).first().click();
      expect((await other.cookies()).map((cookie) => cookie.name)).toContain('passbook_session');

      // Knowing the first browser's addresses does not help.
      await stranger.goto(accountPath);
      await expect(
        stranger.getByRole('heading', { level: 1, name: 'This account is no longer available.' }),
      ).toBeVisible();
      await expect(stranger.getByText('Chequing CAD')).toHaveCount(0);

      const transactions = await stranger.request.get(`/api/accounts/${accountId}/transactions`);
      expect(transactions.status()).toBe(404);
      const link = await stranger.request.get(`/api/links/${linkId}`);
      expect(link.status()).toBe(404);
      const refresh = await stranger.request.post(`/api/links/${linkId}/refresh`, {
        headers: { origin: new URL(accountUrl).origin },
        data: {},
      });
      expect(refresh.status()).toBe(404);
    } finally {
      await other.close();
    }

    // The first browser still has everything.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Chequing CAD' })).toBeVisible();
  });
});
