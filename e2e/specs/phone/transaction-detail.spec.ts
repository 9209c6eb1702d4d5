import { expect, test } from '@playwright/test';
import { openAccount } from '../../support/accounts.ts';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank } from '../../support/connect.ts';

test('on a phone, tapping a transaction shows it in full: date, whole description, amount, balance, account', async ({
  page,
}) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await openAccount(page, 'Chequing CAD');
  const table = page.getByRole('region', { name: 'Transactions, newest first' });
  const first = table.getByRole('row').nth(1).getByRole('button');
  const description = ((await first.textContent()) ?? '').trim();
  expect(description.length).toBeGreaterThan(0);

  await first.tap();
  const detail = page.getByRole('dialog', { name: 'Transaction' });
  await expect(detail).toBeVisible();
  await expect(detail.getByRole('definition')).toContainText([description]);
  await expect(detail.getByRole('term')).toContainText(['Date', 'Description']);
  await expect(detail.getByRole('term').filter({ hasText: /^(Money out|Money in)$/ })).toHaveCount(1);
  await expect(detail.getByRole('term').filter({ hasText: 'Balance' })).toBeVisible();
  await expect(detail.getByRole('definition').last()).toHaveText('Chequing CAD');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page, 'transaction detail');

  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(detail).toHaveCount(0);
  await expect(first).toBeFocused();
});
