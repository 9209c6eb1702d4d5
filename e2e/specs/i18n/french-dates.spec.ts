import { expect, test } from '@playwright/test';
import { openAccount, shownTransactionCount } from '../../support/accounts.ts';
import { linkBank } from '../../support/connect.ts';

const isoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const dayFirst = (iso: string) => iso.split('-').reverse().join('/');

test('in French, the date filters are written as in Québec: AAAA-MM-JJ, or the day first', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await linkBank(page, 'greatday_nomfa', { language: 'fr' });
  await openAccount(page, 'Chequing CAD');
  const all = await shownTransactionCount(page);

  const from = page.getByRole('textbox', { name: 'Du' });
  await expect(from).toHaveAttribute('placeholder', 'AAAA-MM-JJ');
  await expect(from).toHaveAttribute('lang', 'fr-CA');
  await expect(from).toHaveAccessibleDescription('Format AAAA-MM-JJ ou JJ/MM/AAAA');

  // The day first, as written by hand: the filter and the address take the ISO day.
  const start = isoDay(60);
  await from.fill(dayFirst(start));
  await expect(page).toHaveURL(new RegExp(`from=${start}`));
  await expect.poll(() => shownTransactionCount(page)).toBeLessThan(all);
  const ranged = await shownTransactionCount(page);

  // Year first, the other way Québec writes dates.
  const to = page.getByRole('textbox', { name: 'Au' });
  await to.fill(isoDay(30));
  await expect(page).toHaveURL(new RegExp(`from=${start}&to=${isoDay(30)}`));
  await expect.poll(() => shownTransactionCount(page)).toBeLessThan(ranged);

  // What is no date says so once the field is left, and the filter keeps its last good value.
  await to.fill('31/02/2026');
  await to.blur();
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Date non reconnue : écrivez-la AAAA-MM-JJ ou JJ/MM/AAAA')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`to=${isoDay(30)}`));

  // A reload shows the days in the Canadian order.
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Du' })).toHaveValue(start);
});
