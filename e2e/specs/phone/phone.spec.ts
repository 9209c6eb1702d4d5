import { expect, type Page, test } from '@playwright/test';
import { openAccount, shownTransactionCount } from '../../support/accounts.ts';
import { chooseInstitution, openConnect, submitCredentials, waitForAccounts } from '../../support/connect.ts';

/** Nothing on the page is wider than the 375-px screen: no sideways scrolling. */
async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  expect(await page.evaluate(() => window.innerWidth)).toBe(375);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

/** The header keeps to one line on the phone, in either language: its logo and its last control share a row. */
async function expectHeaderOnOneLine(page: Page, language: 'en' | 'fr' = 'en'): Promise<void> {
  const header = page.getByRole('banner');
  const logo = await header
    .getByRole('link', { name: language === 'en' ? 'Passbook, your accounts' : 'Passbook, vos comptes' })
    .boundingBox();
  const switcher = await header
    .getByRole('button', {
      name: language === 'en' ? 'Afficher Passbook en français' : 'Show Passbook in English',
    })
    .boundingBox();
  if (logo === null || switcher === null)
    throw new Error('the header’s logo or language switch is not shown');
  expect(Math.abs(logo.y + logo.height / 2 - (switcher.y + switcher.height / 2))).toBeLessThan(4);
}

test('on a 375-px phone, the whole flow works and nothing overflows sideways', async ({ page }) => {
  await page.goto('/');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
  ).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectHeaderOnOneLine(page);

  const frame = await openConnect(page);
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await chooseInstitution(frame);
  await expect(frame.getByLabel('Username')).toBeInViewport({ ratio: 1 });
  await expectNoHorizontalOverflow(page);
  await submitCredentials(frame, 'greatday_nomfa');

  await expect(page.getByRole('progressbar')).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await waitForAccounts(page);
  await expect(page.getByRole('region', { name: 'Flinks Capital' }).getByText(/^Last updated/)).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectHeaderOnOneLine(page);
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await expectHeaderOnOneLine(page, 'fr');
  await page.getByRole('button', { name: 'Show Passbook in English' }).click();

  await page.getByRole('button', { name: 'Remove Flinks Capital' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.getByRole('button', { name: 'Keep it' }).click();

  await openAccount(page, 'Chequing CAD');
  expect(await shownTransactionCount(page)).toBeGreaterThan(100);
  const rows = page.getByRole('region', { name: 'Transactions, newest first' }).getByRole('row');
  await expect(rows.nth(1)).toBeVisible();
  await expectNoHorizontalOverflow(page);

  // The transactions list scrolls with the page, no box of its own, rendering the rows that come into view.
  const list = page.getByRole('region', { name: 'Transactions, newest first' });
  expect(await list.evaluate((element) => getComputedStyle(element).overflowY)).toBe('visible');
  await page.evaluate(() => window.scrollBy(0, 8_000));
  await expect.poll(async () => Number(await rows.nth(1).getAttribute('aria-rowindex'))).toBeGreaterThan(50);
  await expect(rows.nth(1)).toContainText(/\d{4}/);
  await expectNoHorizontalOverflow(page);
});
