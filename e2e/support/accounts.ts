/**
 * Reading the accounts pages as a person does, plus a few totals read through our own API with the page's
 * session (what the person's browser could fetch too) where counting on screen would mean opening every account.
 */
import { expect, type Page } from '@playwright/test';

/** "1,234 transactions" in the transactions table's heading, as a number. */
export async function shownTransactionCount(page: Page): Promise<number> {
  const status = page
    .getByRole('region', { name: /^(Transactions|Opérations)$/ })
    .getByRole('status')
    .first();
  await expect(status).toHaveText(/^[\d,\s\u00a0\u202f]+ (transactions?|opérations?)$/);
  const text = (await status.textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

export async function openAccount(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: new RegExp(`^${title}\\b`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

interface ApiLinks {
  links: { id: string; accounts: { id: string; title: string; transactionCount: number }[] }[];
}

/** Every stored transaction of this browser's user, counted per account by our API. */
export async function storedTransactionCounts(page: Page): Promise<Map<string, number>> {
  const response = await page.request.get('/api/links');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as ApiLinks;
  return new Map(
    body.links.flatMap((link) => link.accounts.map((account) => [account.title, account.transactionCount])),
  );
}

export function sum(counts: Map<string, number>): number {
  return [...counts.values()].reduce((a, b) => a + b, 0);
}

/** Today in the banks' time zone (America/Toronto), as our pages write a date in English. */
export function todayAsShown(locale = 'en-CA'): string {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}
