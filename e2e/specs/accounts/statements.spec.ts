import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openAccount } from '../../support/accounts.ts';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank } from '../../support/connect.ts';

/** The month before this one, as the page names it ("November 2026") and as the file is named ("2026-11"). */
function lastMonth(locale: string): { name: string; iso: string } {
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const name = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    month,
  );
  return { name, iso: month.toISOString().slice(0, 7) };
}

test('the account page lists the bank’s statements of the year; one downloads as the PDF of its month', async ({
  page,
}) => {
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await openAccount(page, 'Chequing CAD');
  const section = page.getByRole('region', { name: 'Bank statements' });
  await expect(section.getByRole('listitem')).toHaveCount(12);
  await expect(section).toContainText('12 monthly statements from your bank');
  const { name, iso } = lastMonth('en-CA');
  await expect(section.getByRole('listitem').first()).toContainText(name);
  await expectAccessible(page, 'account with statements');

  const downloading = page.waitForEvent('download');
  await section.getByRole('link', { name: `Download the statement of ${name}` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`Chequing CAD statement ${iso}.pdf`);
  const pdf = await readFile((await download.path()) ?? '');
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  expect(pdf.toString('latin1')).toContain(`Statement ${iso}: Chequing CAD`);
});

test('in French, the statements are listed and named in French', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /français/i }).click();
  await linkBank(page, 'greatday_nomfa', { language: 'fr' });
  await openAccount(page, 'Chequing CAD');
  const section = page.getByRole('region', { name: 'Relevés bancaires' });
  await expect(section.getByRole('listitem')).toHaveCount(12);
  const { name, iso } = lastMonth('fr-CA');
  const downloading = page.waitForEvent('download');
  await section.getByRole('link', { name: `Télécharger le relevé de ${name}` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`Chequing CAD relevé ${iso}.pdf`);
  await expectAccessible(page, 'account with statements, French');
});
