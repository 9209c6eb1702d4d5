import { expect, type Page, test } from '@playwright/test';
import { openAccount, shownTransactionCount } from '../../support/accounts.ts';
import { chooseInstitution, linkBank, openConnect, submitCredentials } from '../../support/connect.ts';

const table = (page: Page) => page.getByRole('region', { name: 'Transactions, newest first' });
const dataRows = (page: Page) =>
  table(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

test('the account page shows its first transactions on the first screen, and the list scrolls with the page', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await openAccount(page, 'Chequing CAD');
  await expect(
    page
      .getByRole('img', { name: /balance/i })
      .or(page.locator('figure svg'))
      .first(),
  ).toBeVisible();
  const first = dataRows(page).first();
  await expect(first).toBeVisible();
  const box = await first.boundingBox();
  expect(box && box.y + box.height).toBeLessThanOrEqual(900);

  // No box of its own: the page is what scrolls, and the rows further down are drawn as they come into view.
  expect(await table(page).evaluate((element) => getComputedStyle(element).overflowY)).toBe('visible');
  expect(await table(page).evaluate((element) => element.scrollHeight <= element.clientHeight + 1)).toBe(
    true,
  );
  const rowIndex = async () => Number(await dataRows(page).first().getAttribute('aria-rowindex'));
  expect(await rowIndex()).toBe(2);
  await page.mouse.wheel(0, 4_000);
  await expect.poll(rowIndex).toBeGreaterThan(40);
  await expect(dataRows(page).first()).toContainText(/\d{4}/);
});

test('an account of more than 50,000 transactions scrolls with the page to its middle and its end', async ({
  page,
}) => {
  test.slow();
  await page.goto('/');
  const frame = await openConnect(page);
  await chooseInstitution(frame);
  await submitCredentials(frame, 'test_large_history');
  // Storing 50,000 transactions takes a while longer than a usual bank.
  const business = page.getByRole('link', { name: /^Business Chequing CAD/ });
  await expect(business).toBeVisible({ timeout: 120_000 });
  await business.click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const total = await shownTransactionCount(page);
  expect(total).toBeGreaterThan(50_000);
  const rowIndex = async () => Number(await dataRows(page).first().getAttribute('aria-rowindex'));

  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await expect.poll(rowIndex).toBeGreaterThan(total / 2 - 200);
  await expect.poll(async () => /\d{4}/.test((await dataRows(page).first().textContent()) ?? '')).toBe(true);

  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect
    .poll(async () => Number(await dataRows(page).last().getAttribute('aria-rowindex')), { timeout: 60_000 })
    .toBe(total + 1);
  await expect.poll(async () => /\d{4}/.test((await dataRows(page).last().textContent()) ?? '')).toBe(true);
});
