import { expect, test } from '@playwright/test';
import { linkBank } from '../../support/connect.ts';

test('on a 375-px phone, spending and a category’s transactions fit the screen', async ({ page }) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await page.getByRole('link', { name: 'Spending' }).click();
  await page.getByRole('button', { name: 'Previous month' }).click();
  await expect(page.getByRole('heading', { name: /^Spent in / })).toBeVisible();
  const fits = async () => {
    expect(await page.evaluate(() => window.innerWidth)).toBe(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  };
  await fits();
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/spending-phone.png`, fullPage: true });
  await page.getByRole('link', { name: /^Groceries/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Groceries in / })).toBeVisible();
  await fits();
  await page
    .getByRole('button', { name: /^Change category: / })
    .first()
    .click();
  await expect(page.getByRole('dialog', { name: 'Change category' })).toBeVisible();
  await fits();
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/recategorize-phone.png`, fullPage: true });
});
