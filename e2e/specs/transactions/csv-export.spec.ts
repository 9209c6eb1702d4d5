import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openAccount, shownTransactionCount } from '../../support/accounts.ts';
import { linkBank } from '../../support/connect.ts';

/** RFC 4180 fields: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const isoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

test('the CSV export holds exactly the rows shown for a search and a date range', async ({ page }) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await openAccount(page, 'Chequing CAD');
  const all = await shownTransactionCount(page);

  const from = isoDay(120);
  const to = isoDay(15);
  const filtered = page.waitForResponse((response) => {
    const params = new URL(response.url()).searchParams;
    return params.get('q') === 'payroll' && params.get('from') === from && params.get('to') === to;
  });
  await page.getByRole('searchbox', { name: 'Search' }).fill('payroll');
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('To', { exact: true }).fill(to);
  const { total: count } = (await (await filtered).json()) as { total: number };
  expect(count).toBeGreaterThan(1);
  expect(count).toBeLessThan(all);
  await expect.poll(() => shownTransactionCount(page)).toBe(count);

  const table = page.getByRole('region', { name: 'Transactions, newest first' });
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(count);
  const shown = await Promise.all(
    (await rows.all()).map(async (row) => (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim())),
  );

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const download = await downloading;
  // Named after the account and the range; a byte-order mark so that spreadsheets read it as UTF-8.
  expect(download.suggestedFilename()).toBe(`Chequing CAD ${from} to ${to}.csv`);
  const bytes = await readFile((await download.path()) ?? '');
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...records] = parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  expect(header).toEqual(['Date', 'Description', 'Money out', 'Money in', 'Balance', 'Currency']);
  expect(records).toHaveLength(count);

  const money = (value: string) =>
    new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' }).format(Number(value));
  const day = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  const expected = records.map(
    ([date = '', description = '', debit = '', credit = '', balance = '', currency]) => {
      expect(date >= from && date <= to, `${date} lies in ${from}…${to}`).toBe(true);
      expect(description).toMatch(/payroll/i);
      expect(currency).toBe('CAD');
      return [
        day(date),
        description,
        debit ? `−${money(debit)}` : '',
        credit ? `+${money(credit)}` : '',
        money(balance),
      ];
    },
  );
  expect(shown).toEqual(expected);
});

test('in French, the CSV is headed and named in French', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /français/i }).click();
  await linkBank(page, 'greatday_nomfa', { language: 'fr' });
  await openAccount(page, 'Chequing CAD');
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Exporter en CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Chequing CAD \d{4}-\d\d-\d\d au \d{4}-\d\d-\d\d\.csv$/);
  const text = (await readFile((await download.path()) ?? '')).toString('utf8');
  expect(parseCsv(text.replace(/^\uFEFF/, ''))[0]).toEqual([
    'Date',
    'Description',
    'Sorties',
    'Entrées',
    'Solde',
    'Devise',
  ]);
});
