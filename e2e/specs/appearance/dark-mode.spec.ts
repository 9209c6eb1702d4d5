import { expect, test } from '@playwright/test';
import { startConnect } from '../../support/connect.ts';

const theme = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.documentElement.dataset.theme);
const pageBackground = (page: import('@playwright/test').Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test.describe('dark mode', () => {
  test('follows the system, and a choice made here overrides it on this device', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await theme(page)).toBe('dark');
    const dark = await pageBackground(page);

    // The system turns light while the page is open: the page follows.
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => theme(page)).toBe('light');
    expect(await pageBackground(page)).not.toBe(dark);

    const appearance = page.getByRole('combobox', { name: 'Appearance' });
    await expect(appearance).toHaveValue('system');
    await appearance.selectOption({ label: 'Dark' });
    await expect.poll(() => theme(page)).toBe('dark');
    expect(await pageBackground(page)).toBe(dark);

    // Remembered: a reload under a light system stays dark.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await theme(page)).toBe('dark');
    await expect(appearance).toHaveValue('dark');

    await appearance.selectOption({ label: 'Same as this device' });
    await expect.poll(() => theme(page)).toBe('light');
  });

  test('Connect opens in its dark look when the page is dark', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await startConnect(page);
    const frame = page.frames().find((f) => f.url().includes('/v2/'));
    expect(frame).toBeDefined();
    expect(new URL(frame?.url() ?? 'about:blank').searchParams.get('theme')).toBe('dark');
    expect(await frame?.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });

  test('in French, the choice is named in French', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
    const appearance = page.getByRole('combobox', { name: 'Apparence' });
    await appearance.selectOption({ label: 'Sombre' });
    await expect.poll(() => theme(page)).toBe('dark');
  });
});
