import { expect, type Page, test } from '@playwright/test';
import { openAccount } from '../../support/accounts.ts';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank } from '../../support/connect.ts';
import { expectedNetWorth, money, plain, scrollsSideways } from '../../support/netWorth.ts';

async function snap(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: true });
}

for (const language of ['en', 'fr'] as const) {
  const words = {
    en: { totals: 'Totals by currency', netWorth: 'Net worth', chart: 'Balance over time', month: /^1M/ },
    fr: {
      totals: 'Totaux par devise',
      netWorth: 'Valeur nette',
      chart: 'Évolution du solde',
      month: /^1 mois/,
    },
  }[language];
  const locale = language === 'en' ? 'en-CA' : 'fr-CA';

  test(`on a 375-px phone (${language}), net worth and the balance chart fit the screen`, async ({
    page,
  }) => {
    await page.goto('/');
    await page.evaluate((chosen) => window.localStorage.setItem('passbook.language', chosen), language);
    await page.reload();
    await linkBank(page, 'greatday_nomfa', { language });
    const expected = await expectedNetWorth(page);
    const cad = page
      .getByRole('region', { name: words.totals })
      .getByRole('listitem')
      .filter({ hasText: 'CAD' });
    await expect(cad.getByRole('term').first()).toHaveText(words.netWorth);
    expect(plain((await cad.getByTestId('net-worth').textContent()) ?? '')).toBe(
      money(expected.get('CAD') ?? 0, 'CAD', locale),
    );
    expect(await scrollsSideways(page)).toBe(false);
    await expectAccessible(page, `accounts with net worth on a phone (${language})`);
    await snap(page, `net-worth-phone-${language}`);

    await openAccount(page, 'Chequing CAD');
    const chart = page.getByRole('region', { name: words.chart });
    const caption = chart.locator('figcaption');
    const before = await caption.textContent();
    await chart.getByRole('button', { name: words.month }).tap();
    await expect(caption).not.toHaveText(before ?? '');
    await expect(chart.locator('canvas').first()).toBeVisible();
    expect(await scrollsSideways(page)).toBe(false);
    await expectAccessible(page, `account with its balance chart on a phone (${language})`);
    await snap(page, `balance-chart-phone-${language}`);
  });
}
