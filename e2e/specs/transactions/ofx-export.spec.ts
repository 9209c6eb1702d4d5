import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { openAccount, shownTransactionCount } from '../../support/accounts.ts';
import { linkBank } from '../../support/connect.ts';

const tags = (text: string, name: string) =>
  [...text.matchAll(new RegExp(`<${name}>([^<\\r\\n]*)`, 'g'))].map((match) => match[1]);

async function downloadOfx(page: Page, linkName = 'Export OFX'): Promise<{ name: string; text: string }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: linkName }).click();
  const download = await downloading;
  // Windows-1252, as its header says: latin1 reads the accents of French descriptions alike.
  const text = (await readFile((await download.path()) ?? '')).toString('latin1');
  return { name: download.suggestedFilename(), text };
}

/** The ids our API gives the account's transactions matching a search: what the FITIDs must be. */
async function idsOf(page: Page, q: string): Promise<string[]> {
  const accountId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  const response = await page.request.get(
    `/api/accounts/${accountId}/transactions?limit=1000&q=${encodeURIComponent(q)}`,
  );
  const body = (await response.json()) as { transactions: { id: string }[] };
  return body.transactions.map((transaction) => transaction.id);
}

test('the OFX export is one bank statement of the rows shown, each named by its stable id', async ({
  page,
}) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await openAccount(page, 'Chequing CAD');
  await page.getByRole('searchbox', { name: 'Search' }).fill('payroll');
  await expect.poll(() => shownTransactionCount(page)).toBeLessThan(100);
  const count = await shownTransactionCount(page);
  expect(count).toBeGreaterThan(1);

  const first = await downloadOfx(page);
  expect(first.name).toMatch(/^Chequing CAD \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\.ofx$/);
  expect(first.text.startsWith('OFXHEADER:100')).toBe(true);
  expect(first.text).toContain('<BANKMSGSRSV1>');
  expect(tags(first.text, 'ACCTTYPE')).toEqual(['CHECKING']);
  expect(tags(first.text, 'STMTTRN')).toHaveLength(count);
  const fitids = tags(first.text, 'FITID');
  expect([...fitids].reverse()).toEqual(await idsOf(page, 'payroll'));
  expect(tags(first.text, 'BALAMT').length).toBeGreaterThan(0);

  // Downloaded again after a refresh: the same transactions carry the same FITIDs, so nothing doubles.
  await page.getByRole('link', { name: 'All accounts' }).click();
  const bank = page.getByRole('region', { name: 'Flinks Capital' });
  await bank.getByRole('button', { name: 'Refresh data from Flinks Capital' }).click();
  await expect(bank.getByRole('status').filter({ hasText: /^Up to date: / })).toBeVisible();
  await openAccount(page, 'Chequing CAD');
  await page.getByRole('searchbox', { name: 'Search' }).fill('payroll');
  await expect.poll(() => shownTransactionCount(page)).toBeGreaterThanOrEqual(count);
  const again = await downloadOfx(page);
  const later = tags(again.text, 'FITID');
  expect(later.filter((id) => fitids.includes(id))).toEqual(fitids);
  expect(new Set(later).size).toBe(later.length);
});

test('a credit card exports as a card statement, with what is owed negative; named in French', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: /français/i }).click();
  await linkBank(page, 'greatday_nomfa', { language: 'fr' });
  await openAccount(page, 'Visa Infinite');
  const { name, text } = await downloadOfx(page, 'Exporter en OFX');
  expect(name).toMatch(/^Visa Infinite \d{4}-\d\d-\d\d au \d{4}-\d\d-\d\d\.ofx$/);
  expect(text).toContain('<CREDITCARDMSGSRSV1>');
  expect(text).not.toContain('<BANKMSGSRSV1>');
  expect(tags(text, 'LANGUAGE')).toEqual(['FRA']);
  expect(Number(tags(text, 'BALAMT')[0])).toBeLessThan(0);
  expect(tags(text, 'STMTTRN')).toHaveLength(await shownTransactionCount(page));
});
