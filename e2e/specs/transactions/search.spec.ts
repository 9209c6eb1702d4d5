import { expect, type Page, test } from '@playwright/test';
import { openAccount, shownTransactionCount } from '../../support/accounts.ts';
import { linkBank } from '../../support/connect.ts';

/** Types a search and returns how many transactions the server found for it, once they are shown. */
async function searchFor(page: Page, text: string): Promise<number> {
  const answer = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === text);
  await page.getByRole('searchbox', { name: 'Search' }).fill(text);
  const { total } = (await (await answer).json()) as { total: number };
  if (total > 0) await expect.poll(() => shownTransactionCount(page)).toBe(total);
  return total;
}

test('search ignores accents and case: “Montréal” finds the rows written MONTREAL', async ({ page }) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await openAccount(page, 'Chequing CAD');

  const plain = await searchFor(page, 'montreal');
  expect(plain).toBeGreaterThan(0);
  expect(await searchFor(page, 'MONTRÉAL')).toBe(plain);
  expect(await searchFor(page, 'Montréal')).toBe(plain);
  await expect(page.getByText('No transactions match these filters.')).toHaveCount(0);
});
