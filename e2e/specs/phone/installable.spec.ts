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

test('on a 375-px phone, the notifications control fits and reads in both languages', async ({ page }) => {
  await page.goto('/attention');
  const section = page.getByRole('region', { name: 'Notifications on this device' });
  await expect(section.getByRole('button', { name: 'Turn on notifications' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: 'test-results/notifications-phone-en.png', fullPage: true });
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await expect(
    page.getByRole('region', { name: 'Notifications sur cet appareil' }).getByRole('button', {
      name: 'Activer les notifications',
    }),
  ).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: 'test-results/notifications-phone-fr.png', fullPage: true });
});
