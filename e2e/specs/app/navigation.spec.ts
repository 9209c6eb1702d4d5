import { expect, test } from '@playwright/test';
import { openAccount } from '../../support/accounts.ts';
import { linkBank } from '../../support/connect.ts';

test.describe('moving between pages', () => {
  test('a page opened in the app takes focus on its title and starts at the top; a first load does not', async ({
    page,
  }) => {
    await page.goto('/');
    await linkBank(page, 'greatday_nomfa');
    await page.reload();
    const accounts = page.getByRole('heading', { level: 1, name: 'Your accounts' });
    await expect(accounts).toBeVisible();
    await expect(accounts).not.toBeFocused();

    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.getByRole('link', { name: /^Chequing CAD\b/ }).click();
    await expect(page).toHaveURL(/\/accounts\/[^/?]+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Chequing CAD' })).toBeFocused();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    await page.goBack();
    await expect(accounts).toBeFocused();
  });

  test('a chart period is kept in the address in place: no history entry, no scroll to the top', async ({
    page,
  }) => {
    await page.goto('/');
    await linkBank(page, 'greatday_nomfa');
    await openAccount(page, 'Chequing CAD');
    const account = page.url();
    const chart = page.getByRole('region', { name: 'Balance over time' });
    await chart.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 40));
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(0);
    await chart.getByRole('button', { name: /^3M/ }).click();
    await expect(page).toHaveURL(/[?&]range=3m/);
    expect(await page.evaluate(() => window.scrollY)).toBe(before);

    // Back leaves the account page rather than undoing the period.
    await page.goBack();
    await expect(page).not.toHaveURL(account);
    await expect(page).toHaveURL(/\/$/);
  });

  test('a modified click opens a new tab and leaves this page where it is', async ({ page, context }) => {
    await page.goto('/');
    await linkBank(page, 'greatday_nomfa');
    const link = page.getByRole('link', { name: /^Chequing CAD\b/ });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/accounts\/[^/?]+$/);
    const opened = context.waitForEvent('page');
    await link.click({ modifiers: ['ControlOrMeta'] });
    const tab = await opened;
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname).toBe(href);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
  });

  test('an unknown address says so inside the app, with a way home', async ({ page }) => {
    await page.goto('/accounts/acc-1/statements');
    await expect(page.getByRole('heading', { level: 1, name: 'This page does not exist' })).toBeVisible();
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { level: 1, name: 'This page does not exist' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Passbook, your accounts' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to my accounts' }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});
