import { expect, test } from '@playwright/test';
import { openAccount, shownTransactionCount, storedTransactionCounts } from '../../support/accounts.ts';
import { linkBank } from '../../support/connect.ts';

const ACCOUNTS = [
  'Business Account CAD',
  'Chequing CAD',
  'Chequing USD',
  'First Home Savings Account',
  'Savings CAD',
  'Line of Credit CAD',
  'Visa Infinite',
  'Investment Account',
];

const isoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

test('the dashboard searches every account at once, and the address keeps the search', async ({ page }) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');

  await page.getByRole('searchbox', { name: 'Search all your accounts' }).fill('payroll');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Search all accounts' })).toBeVisible();
  await expect(page).toHaveURL(/\/search\?q=payroll$/);
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('payroll');
  const found = await shownTransactionCount(page);
  expect(found).toBeGreaterThan(1);

  // A date range joins the search in the address; a reload finds both.
  const from = isoDay(90);
  await page.getByLabel('From', { exact: true }).fill(from);
  await expect(page).toHaveURL(new RegExp(`/search\\?q=payroll&from=${from}$`));
  await expect.poll(() => shownTransactionCount(page)).toBeLessThan(found);
  const ranged = await shownTransactionCount(page);
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('payroll');
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(from);
  await expect.poll(() => shownTransactionCount(page)).toBe(ranged);

  // Shared: the same address in another tab shows the same search.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect.poll(() => shownTransactionCount(other)).toBe(ranged);
  await other.close();

  // Back leads to the dashboard, forward to the search as it was.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('payroll');
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(from);

  // Unfiltered, it lists every stored transaction of every account.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/search$/);
  const stored = [...(await storedTransactionCounts(page)).values()].reduce((a, b) => a + b, 0);
  await expect.poll(() => shownTransactionCount(page)).toBe(stored);
  // The newest rows come from several accounts, each row naming its own.
  const table = page.getByRole('region', { name: 'Transactions, newest first' });
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  const names = new Set<string>();
  for (const row of await rows.all()) {
    const text = (await row.textContent()) ?? '';
    for (const title of ACCOUNTS) {
      if (text.includes(title)) names.add(title);
    }
  }
  expect(names.size).toBeGreaterThan(1);
});

test('the account page keeps its filters in the address: reload and back find them', async ({ page }) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await openAccount(page, 'Chequing CAD');
  const all = await shownTransactionCount(page);
  await page.getByRole('searchbox', { name: 'Search' }).fill('payroll');
  await expect(page).toHaveURL(/\/accounts\/[^?]+\?q=payroll$/);
  // The router renders the new address a moment after writing it: the count is read once it is the search's.
  await expect.poll(() => shownTransactionCount(page)).toBeLessThan(all);
  const found = await shownTransactionCount(page);
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('payroll');
  await expect.poll(() => shownTransactionCount(page)).toBe(found);

  await page.getByRole('link', { name: 'All accounts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Chequing CAD' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('payroll');
  await expect.poll(() => shownTransactionCount(page)).toBe(found);
});

test('in French, the search of all accounts speaks French', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await linkBank(page, 'greatday_nomfa', { language: 'fr' });
  await page.getByRole('searchbox', { name: 'Rechercher dans tous vos comptes' }).fill('payroll');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Rechercher dans tous les comptes' }),
  ).toBeVisible();
  expect(await shownTransactionCount(page)).toBeGreaterThan(1);
});
