import { expect, test } from '@playwright/test';
import { expectOfflineShell, openOffline } from '../../support/installable.ts';

test('on a 375-px phone, offline the shell shows the last accounts seen with their date, without sideways scroll', async ({
  page,
}) => {
  await openOffline(page, 'greatday_nomfa+pwa-phone');
  await expectOfflineShell(page, 'en');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: 'test-results/offline-phone-en.png', fullPage: true });
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await expectOfflineShell(page, 'fr');
  await page.screenshot({ path: 'test-results/offline-phone-fr.png', fullPage: true });
});
