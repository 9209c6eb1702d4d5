import { expect, test } from '@playwright/test';
import { openAccount } from '../../support/accounts.ts';
import { linkBank } from '../../support/connect.ts';

test('a credit card reads in card terms: what is owed, charges and payments', async ({ page }) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  // On the accounts page too, a card's amount is what is owed, not a balance in the person's favour.
  await expect(page.getByRole('link', { name: /^Visa Infinite.*Owed \$[\d,]+\.\d\d/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Chequing CAD.*Current balance \$/ })).toBeVisible();

  await openAccount(page, 'Visa Infinite');
  await expect(page.getByRole('term')).toContainText(['Owed', 'Available credit', 'Limit']);
  await expect(page.getByRole('heading', { level: 2, name: 'Owed over time' })).toBeVisible();
  await expect(page.getByRole('definition').first()).toContainText(/\$[\d,]+\.\d\d/);
  const table = page.getByRole('region', { name: 'Transactions, newest first' });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Date',
    'Description',
    'Charges',
    'Payments',
    'Owed',
  ]);
  // A charge raises what is owed: no minus sign before it.
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  expect(await table.getByRole('cell').filter({ hasText: '−' }).count()).toBe(0);

  await page.getByRole('link', { name: 'All accounts' }).click();
  await openAccount(page, 'Chequing CAD');
  await expect(table.getByRole('columnheader')).toHaveText([
    'Date',
    'Description',
    'Money out',
    'Money in',
    'Balance',
  ]);
});
