import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank } from '../../support/connect.ts';

const SCREENSHOTS = process.env.E2E_SCREENSHOTS;
/** The run's app takes categories from Flinks' Enrich (playwright.config.ts). */
const ENRICH = process.env.E2E_FLINKS_ENRICH === 'true';

/** Who decided the categories of the person's transactions, as the API reports it. */
async function categorySources(page: Page): Promise<Set<string>> {
  const sources = new Set<string>();
  const { links } = (await (await page.request.get('/api/links')).json()) as { links: { id: string }[] };
  const accounts: { id: string }[] = [];
  for (const link of links) {
    const detail = (await (await page.request.get(`/api/links/${link.id}`)).json()) as {
      link: { accounts: { id: string }[] };
    };
    accounts.push(...detail.link.accounts);
  }
  for (const account of accounts) {
    const { transactions } = (await (
      await page.request.get(`/api/accounts/${account.id}/transactions?limit=1000`)
    ).json()) as { transactions: { categorySource: string | null }[] };
    for (const transaction of transactions) sources.add(String(transaction.categorySource));
  }
  return sources;
}

async function snap(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** A category's amount in the month shown, as written on its row. */
async function categoryAmount(page: Page, name: string): Promise<string> {
  const row = page.getByRole('link', { name: new RegExp(`^${name}`) });
  await expect(row).toBeVisible();
  return (await row.locator('.amount').first().textContent()) ?? '';
}

test('changing a category and making a rule of it moves the month’s spending', async ({ page }) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  // Flinks' categories when the run has Enrich on; Passbook's own rules otherwise.
  expect((await categorySources(page)).has('flinks')).toBe(ENRICH);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Spending' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Spending' })).toBeVisible();
  // The current month has only begun: look at the whole month before it.
  await page.getByRole('button', { name: 'Previous month' }).click();
  await expect(page).toHaveURL(/month=\d{4}-\d{2}/);
  const month = new URL(page.url()).searchParams.get('month') ?? '';
  await expect(page.getByRole('heading', { name: /^Spent in / })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Transfers/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Income/ })).toHaveCount(0);
  await expectAccessible(page, 'spending');
  await snap(page, 'spending-desktop-en');

  const groceriesBefore = await categoryAmount(page, 'Groceries');
  await page.getByRole('link', { name: /^Groceries/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Groceries in / })).toBeVisible();
  const rows = page.getByRole('listitem');
  await expect(rows.first()).toBeVisible();
  await expectAccessible(page, 'a category’s transactions');

  const first = page.getByRole('button', { name: /^Change category: / }).first();
  const merchant = ((await first.getAttribute('aria-label')) ?? '').replace('Change category: ', '');
  expect(merchant.length).toBeGreaterThan(1);
  await first.click();
  const dialog = page.getByRole('dialog', { name: 'Change category' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Category', { exact: true }).selectOption({ label: 'Shopping' });
  await dialog.getByLabel(`Always put ${merchant} in this category, past and future`).check();
  await expectAccessible(page, 'the change-category dialog');
  await snap(page, 'recategorize-desktop-en');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  // The rule took every transaction of the merchant out of Groceries.
  await expect(page.getByText(merchant, { exact: true })).toHaveCount(0);

  await page.getByRole('link', { name: 'All categories' }).click();
  await expect(page).toHaveURL(new RegExp(`month=${month}`));
  await expect.poll(() => categoryAmount(page, 'Groceries')).not.toBe(groceriesBefore);
  await page.getByRole('link', { name: /^Shopping/ }).click();
  await expect(page.getByText(merchant, { exact: true }).first()).toBeVisible();

  // The rule holds on every month, the current one included, and is kept by the server.
  const rules = (await (await page.request.get('/api/category-rules')).json()) as {
    rules: { category: string }[];
  };
  expect(rules.rules).toEqual([expect.objectContaining({ category: 'shopping' })]);
});

test('the spending page reads in French', async ({ page }) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Dépenses' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dépenses' })).toBeVisible();
  await page.getByRole('button', { name: 'Mois précédent' }).click();
  await expect(page.getByRole('heading', { name: /^Dépensé en / })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Épicerie/ })).toBeVisible();
  await expectAccessible(page, 'les dépenses');
  await snap(page, 'spending-desktop-fr');
  await page.getByRole('link', { name: /^Épicerie/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Épicerie en / })).toBeVisible();
  await page
    .getByRole('button', { name: /^Changer de catégorie : / })
    .first()
    .click();
  await expect(page.getByRole('dialog', { name: 'Changer de catégorie' })).toBeVisible();
  await expectAccessible(page, 'changer de catégorie');
  await snap(page, 'recategorize-desktop-fr');
});

test('recurring payments: confirm one, dismiss another, and the dismissed one stays away', async ({
  page,
}) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await page.getByRole('link', { name: 'Spending' }).click();
  const recurring = page.getByRole('region', { name: 'Recurring payments' });
  await expect(recurring.getByText('Netflix', { exact: true })).toBeVisible();
  await expect(recurring.getByText(/Subscription · every month · next expected /).first()).toBeVisible();
  await recurring.getByRole('button', { name: 'Confirm Bell' }).click();
  await expect(
    recurring.getByRole('listitem').filter({ hasText: 'Bell' }).getByText('Confirmed'),
  ).toBeVisible();
  await recurring.getByRole('button', { name: 'Dismiss Netflix' }).click();
  await expect(recurring.getByText('Netflix', { exact: true })).toHaveCount(0);
  await expectAccessible(page, 'recurring payments');
  await snap(page, 'recurring-desktop-en');
  await page.reload();
  await expect(recurring.getByText('Spotify', { exact: true })).toBeVisible();
  await expect(recurring.getByText('Netflix', { exact: true })).toHaveCount(0);
  await expect(
    recurring.getByRole('listitem').filter({ hasText: 'Bell' }).getByText('Confirmed'),
  ).toBeVisible();
});
