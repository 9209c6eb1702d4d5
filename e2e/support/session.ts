/** Whether a page is signed in, and a second device (another browser context) for a sign-in elsewhere. */
import { type Browser, expect, type Page } from '@playwright/test';

/** Signed in: the page offers to sign out. */
export async function expectSignedIn(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Runs `use` with a page of a new browser context (another device: no cookies, no passkeys), closed after. */
export async function onAnotherDevice(browser: Browser, use: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext();
  try {
    await use(await context.newPage());
  } finally {
    await context.close();
  }
}
