import { expect, type Page, test } from '@playwright/test';
import { openAccount } from '../../support/accounts.ts';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank } from '../../support/connect.ts';

const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

async function snap(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

interface ApiTransaction {
  date: string;
  amount: number;
  category: string | null;
  transferAccountId: string | null;
}

/** Every transaction of the person's accounts in `currency`, read through our API with the page's session. */
async function transactionsIn(page: Page, currency: string): Promise<ApiTransaction[]> {
  const { links } = (await (await page.request.get('/api/links')).json()) as {
    links: { accounts: { id: string; currency: string }[] }[];
  };
  const all: ApiTransaction[] = [];
  for (const account of links.flatMap((link) => link.accounts)) {
    if (account.currency !== currency) continue;
    const { transactions } = (await (
      await page.request.get(`/api/accounts/${account.id}/transactions?limit=10000`)
    ).json()) as { transactions: ApiTransaction[] };
    all.push(...transactions);
  }
  return all;
}

test('a transfer between two of the person’s accounts reads as one transfer, on both sides, and is not spending', async ({
  page,
}) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await openAccount(page, 'Chequing CAD');
  const table = page.getByRole('region', { name: 'Transactions, newest first' });
  await page.getByLabel('Search').fill('TRANSFER TO SAVINGS');
  const toSavings = table.getByRole('button', { name: /^Transfer to Savings CAD( ···\d{4})?$/ });
  await expect(toSavings.first()).toBeVisible();
  // Once the search applies, every row is that transfer, and none reads as the bank's raw description.
  await expect(table.getByRole('button').filter({ hasNotText: /^Transfer to Savings CAD/ })).toHaveCount(0);
  await expectAccessible(page, 'an account with transfers');
  await snap(page, 'transfers-desktop-en');

  await toSavings.first().click();
  const detail = page.getByRole('dialog', { name: 'Transaction' });
  await expect(detail.getByRole('definition')).toContainText([/^TRANSFER TO SAVINGS/]);
  await expect(detail.getByRole('term')).toContainText(['Transfer', 'Category']);
  await expect(detail.getByRole('definition')).toContainText([
    /^Transfers(By Passbook’s rules|From your bank)/,
  ]);
  const other = detail.getByRole('link', { name: /^Transfer to Savings CAD/ });
  await expectAccessible(page, 'a transfer in full');
  await snap(page, 'transfer-detail-desktop-en');

  // The link leads to the other account, where the same money arrives as a transfer from chequing.
  await other.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Savings CAD' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByLabel('Search').fill('TRANSFER FROM CHEQUING');
  await expect(
    table.getByRole('button', { name: /^Transfer from Chequing CAD( ···\d{4})?$/ }).first(),
  ).toBeVisible();
  await expect(table.getByRole('button').filter({ hasNotText: /^Transfer from Chequing CAD/ })).toHaveCount(
    0,
  );

  // In French.
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  const tableFr = page.getByRole('region', { name: 'Opérations, les plus récentes d’abord' });
  const fromChequing = tableFr.getByRole('button', { name: /^Virement de Chequing CAD( ···\d{4})?$/ });
  await expect(fromChequing.first()).toBeVisible();
  await snap(page, 'transfers-desktop-fr');
  await fromChequing.first().click();
  const detailFr = page.getByRole('dialog', { name: 'Opération' });
  await expect(detailFr.getByRole('link', { name: /^Virement de Chequing CAD/ })).toBeVisible();
  await expect(detailFr.getByRole('term')).toContainText(['Virement', 'Catégorie']);
  await expectAccessible(page, 'a transfer in full, in French');
  await snap(page, 'transfer-detail-desktop-fr');
  await detailFr.getByRole('button', { name: 'Fermer' }).click();

  // Across accounts, neither half is counted: each month's spending leaves out every paired transfer.
  const spending = (await (await page.request.get('/api/spending?currency=CAD&months=3')).json()) as {
    months: string[];
    totals: number[];
  };
  const all = await transactionsIn(page, 'CAD');
  const inMonths = all.filter((t) => spending.months.some((month) => t.date.startsWith(month)));
  const paired = inMonths.filter((t) => t.transferAccountId !== null);
  expect(paired.some((t) => t.amount < 0) && paired.some((t) => t.amount > 0)).toBe(true);
  const spent = spending.months.map((month) =>
    inMonths
      .filter((t) => t.date.startsWith(month) && t.transferAccountId === null && t.category !== null)
      .filter((t) => t.category !== 'income' && t.category !== 'transfers')
      .reduce((sum, t) => sum - t.amount, 0),
  );
  expect(spending.totals).toEqual(spent);
});

test('on a phone the transfer reads the same, without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await openAccount(page, 'Chequing CAD');
  await page.getByLabel('Search').fill('TRANSFER TO SAVINGS');
  const table = page.getByRole('region', { name: 'Transactions, newest first' });
  const toSavings = table.getByRole('button', { name: /^Transfer to Savings CAD( ···\d{4})?$/ });
  await expect(toSavings.first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await snap(page, 'transfers-phone-en');
  await toSavings.first().click();
  const detail = page.getByRole('dialog', { name: 'Transaction' });
  await expect(detail.getByRole('link', { name: /^Transfer to Savings CAD/ })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page, 'a transfer in full on a phone');
  await snap(page, 'transfer-detail-phone-en');
  await detail.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await expect(
    page
      .getByRole('region', { name: 'Opérations, les plus récentes d’abord' })
      .getByRole('button', { name: /^Virement vers Savings CAD( ···\d{4})?$/ })
      .first(),
  ).toBeVisible();
  await snap(page, 'transfers-phone-fr');
  await page
    .getByRole('region', { name: 'Opérations, les plus récentes d’abord' })
    .getByRole('button', { name: /^Virement vers Savings CAD/ })
    .first()
    .click();
  await expect(page.getByRole('dialog', { name: 'Opération' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await snap(page, 'transfer-detail-phone-fr');
});
