/**
 * What makes Passbook an installable app, checked as a browser sees it: the manifest and its icons, the
 * service worker in control, and, offline, the shell opening on the last accounts seen with their date.
 */
import { expect, type Page } from '@playwright/test';
import { expectAccessible } from './axe.ts';
import { linkBank } from './connect.ts';

export async function expectInstallable(page: Page): Promise<void> {
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const manifest = await page.request.get(href ?? '');
  expect(manifest.ok()).toBe(true);
  const body = await manifest.json();
  expect(body).toMatchObject({ name: 'Passbook', start_url: '/', display: 'standalone' });
  const sizes = body.icons.map((icon: { sizes: string }) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(body.icons.some((icon: { purpose?: string }) => icon.purpose === 'maskable')).toBe(true);
  for (const icon of body.icons as Array<{ src: string; type: string }>) {
    const answer = await page.request.get(icon.src);
    expect(answer.ok(), icon.src).toBe(true);
    expect(answer.headers()['content-type']).toContain(icon.type);
  }
  const script = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
  expect(new URL(script ?? '').pathname).toBe('/sw.js');
}

/** Links a bank, lets the service worker see the accounts, then reloads offline. */
export async function openOffline(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await linkBank(page, username);
  await expectInstallable(page);
  // Once the worker controls the page, the next read of the accounts goes through it and is kept.
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(page.getByRole('link', { name: /Chequing CAD/ })).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(
        async () => (await caches.match('/api/links', { cacheName: 'passbook-data' })) !== undefined,
      ),
    )
    .toBe(true);
  await page.context().setOffline(true);
  await page.reload();
}

export async function expectOfflineShell(page: Page, language: 'en' | 'fr'): Promise<void> {
  const words =
    language === 'en'
      ? {
          heading: 'Your accounts',
          lost: 'Passbook cannot be reached.',
          seen: /what Passbook last saw \(.*\d{4}.*\)\./,
        }
      : {
          heading: 'Vos comptes',
          lost: 'Impossible de joindre Passbook.',
          seen: /ce que Passbook a vu en dernier \(le .*\d{4}.*\)\./,
        };
  await expect(page.getByRole('heading', { level: 1, name: words.heading })).toBeVisible();
  await expect(page.getByRole('link', { name: /Chequing CAD/ })).toBeVisible();
  // The logo comes from the worker's copy too.
  await expect
    .poll(() =>
      page
        .locator('img[src="/favicon.svg"]')
        .first()
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    )
    .toBeGreaterThan(0);
  const banner = page.getByRole('alert').filter({ hasText: words.lost });
  await expect(banner).toContainText(words.seen);
  await expectAccessible(page, `offline shell (${language})`);
}
