import { expect, test } from '@playwright/test';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank } from '../../support/connect.ts';
import { expectOfflineShell, openOffline } from '../../support/installable.ts';
import { addVirtualAuthenticator, keepDataWithPasskey } from '../../support/passkeys.ts';

test('installable: manifest, service worker, and offline the last accounts seen with their date, in both languages', async ({
  page,
}) => {
  await openOffline(page, 'greatday_nomfa+pwa');
  await expectOfflineShell(page, 'en');
  await page.screenshot({ path: 'test-results/offline-en.png', fullPage: true });
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await expectOfflineShell(page, 'fr');
  await page.screenshot({ path: 'test-results/offline-fr.png', fullPage: true });

  // Back online, the page reads the server again and the notice goes.
  await page.context().setOffline(false);
  await expect(page.getByRole('alert').filter({ hasText: 'Impossible de joindre Passbook.' })).toHaveCount(0);
});

test('what the service worker kept goes when the person signs out', async ({ page }) => {
  await addVirtualAuthenticator(page);
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa+pwa-leave');
  await keepDataWithPasskey(page);
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(page.getByRole('link', { name: /Chequing CAD/ })).toBeVisible();
  // How many banks the worker's saved answer holds (the signed-out browser's own answer may replace it).
  const kept = () =>
    page.evaluate(async () => {
      const saved = await caches.match('/api/links', { cacheName: 'passbook-data' });
      return saved ? ((await saved.json()).links as unknown[]).length : 0;
    });
  await expect.poll(kept).toBe(1);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Passbook' })).toBeVisible();
  expect(await kept()).toBe(0);
  await page.context().setOffline(true);
  await page.goto('/');
  await expect(page.getByRole('link', { name: /Chequing CAD/ })).toHaveCount(0);
});

test('notifications: the browser is asked for permission only when the person turns them on', async ({
  page,
}) => {
  await page.goto('/attention');
  const section = page.getByRole('region', { name: 'Notifications on this device' });
  await expect(section.getByRole('button', { name: 'Turn on notifications' })).toBeVisible();
  expect(await page.evaluate(() => Notification.permission)).toBe('default');
  await expectAccessible(page, 'notifications, off');
  await page.screenshot({ path: 'test-results/notifications-en.png', fullPage: true });
  await section.getByRole('button', { name: 'Turn on notifications' }).click();
  // Headless Chromium has no push service: the person is told it did not work, in plain words.
  await expect(
    section.getByText(/Notifications are blocked for Passbook|could not subscribe to notifications/),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await expect(page.getByRole('region', { name: 'Notifications sur cet appareil' })).toBeVisible();
  await page.screenshot({ path: 'test-results/notifications-fr.png', fullPage: true });
});
