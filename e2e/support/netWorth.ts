/**
 * Net worth as the person should read it, worked out here from the balances our API gives this browser's
 * user: per currency, what is held less what is owed on cards and lines of credit.
 */
import { expect, type Page } from '@playwright/test';

interface ApiAccount {
  kind: string;
  currency: string;
  balance: { current: number | null };
}

export async function expectedNetWorth(page: Page): Promise<Map<string, number>> {
  const response = await page.request.get('/api/links');
  expect(response.ok()).toBe(true);
  const { links } = (await response.json()) as { links: { accounts: ApiAccount[] }[] };
  const totals = new Map<string, number>();
  for (const account of links.flatMap((link) => link.accounts)) {
    if (account.balance.current === null) continue;
    const signed = account.kind === 'credit' ? -Math.abs(account.balance.current) : account.balance.current;
    totals.set(account.currency, (totals.get(account.currency) ?? 0) + signed);
  }
  return totals;
}

/** An amount in minor units as the page writes it, spaces made plain. */
export function money(minor: number, currency: string, locale: 'en-CA' | 'fr-CA'): string {
  return plain(new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100));
}

export function plain(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** Whether the page can be scrolled sideways (it must not be, down to 375 px). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
