import { expect, type Page, test } from '@playwright/test';
import { shownTransactionCount } from '../../support/accounts.ts';
import { linkBank } from '../../support/connect.ts';

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test('on a 375-px phone, in French and dark, the search of all accounts and its dates fit the screen', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await linkBank(page, 'greatday_nomfa', { language: 'fr' });
  await expectNoHorizontalOverflow(page);
  await page.getByRole('searchbox', { name: 'Rechercher dans tous vos comptes' }).fill('payroll');
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Rechercher dans tous les comptes' }),
  ).toBeVisible();
  await page.getByRole('textbox', { name: 'Du' }).fill('01/01/2026');
  await expect(page).toHaveURL(/from=2026-01-01/);
  await expect.poll(() => shownTransactionCount(page)).toBeGreaterThan(0);
  await expectNoHorizontalOverflow(page);
  await page.evaluate(() => window.scrollBy(0, 3_000));
  await expectNoHorizontalOverflow(page);
});
