import { expect, test } from '@playwright/test';
import { openAccount, shownTransactionCount } from '../../support/accounts.ts';
import { chooseInstitution, openConnect, submitCredentials, waitForAccounts } from '../../support/connect.ts';

/** Amounts in fr-CA: "49 005,60 $", "3 262,46 $ US" (spaces may be narrow or plain no-break ones). */
const AMOUNT = String.raw`-?\d{1,3}(?:[\u00a0\u202f ]\d{3})*,\d{2}[\u00a0\u202f ]\$`;
const FRENCH_CAD = new RegExp(`^${AMOUNT}$`);
const FRENCH_USD = new RegExp(`^${AMOUNT}[\u00a0\u202f ]US$`);
/** Dates in fr-CA, medium style: "21 nov. 2026", "3 mai 2026". */
const FRENCH_DATE =
  /^\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}$/;

test('in French, the pages, Connect, amounts and dates all follow the chosen language', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr-CA');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Réunissez vos comptes bancaires' }),
  ).toBeVisible();

  const frame = await openConnect(page, 'fr');
  await expect(frame.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(frame.getByRole('heading', { name: 'Sélectionnez votre institution' })).toBeVisible();
  await chooseInstitution(frame, 'fr');
  await submitCredentials(frame, 'greatday_nomfa', undefined, 'fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Vos comptes' })).toBeVisible();
  await waitForAccounts(page);

  const bank = page.getByRole('region', { name: 'Flinks Capital' });
  await expect(bank.getByText(/^Mis à jour/)).toBeVisible();
  await expect(bank.getByText('Connectée', { exact: true })).toBeVisible();
  const totals = page.getByRole('region', { name: 'Totaux par devise' }).getByRole('definition');
  await expect(totals.first()).toBeVisible();
  for (const amount of await totals.allInnerTexts()) {
    expect(amount.trim()).toMatch(new RegExp(`${FRENCH_CAD.source}|${FRENCH_USD.source}`));
  }
  await expect(bank.getByRole('link', { name: /^Chequing USD/ })).toHaveAccessibleName(
    new RegExp(`Solde actuel ${AMOUNT}[\u00a0\u202f ]US Disponible`),
  );

  await openAccount(page, 'Chequing CAD');
  expect(await shownTransactionCount(page)).toBeGreaterThan(100);
  await expect(page.getByRole('columnheader', { name: 'Retraits' })).toBeVisible();
  const row = page
    .getByRole('region', { name: 'Opérations, les plus récentes d’abord' })
    .getByRole('row')
    .nth(1);
  const [date, , debit, credit, balance] = (await row.getByRole('cell').allInnerTexts()).map((text) =>
    text.trim(),
  );
  expect(date).toMatch(FRENCH_DATE);
  expect((debit || credit)?.replace(/^[−+]/, '')).toMatch(FRENCH_CAD);
  expect(balance).toMatch(FRENCH_CAD);

  // The choice is remembered.
  await page.reload();
  await expect(page.getByRole('link', { name: 'Tous les comptes' })).toBeVisible();
});
