import { expect, test } from '@playwright/test';
import { openAccount } from '../../support/accounts.ts';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank } from '../../support/connect.ts';

test('on a phone, the bank’s statements fit the width and each has its download', async ({ page }) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await openAccount(page, 'Chequing CAD');
  const section = page.getByRole('region', { name: 'Bank statements' });
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByRole('link', { name: /^Download the statement of / })).toHaveCount(12);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page, 'statements on a phone');
});
