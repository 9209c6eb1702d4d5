import { expect, type Page, test } from '@playwright/test';
import { openAccount } from '../../support/accounts.ts';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank } from '../../support/connect.ts';
import { expectedNetWorth, money, plain } from '../../support/netWorth.ts';

const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

async function snap(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

test.describe('net worth and charts over time', () => {
  test('the accounts page shows net worth per currency: what is held less what is owed', async ({ page }) => {
    await page.goto('/');
    await linkBank(page, 'greatday_nomfa');
    const expected = await expectedNetWorth(page);
    // The emulator's catalogue: chequing, savings and USD chequing held; a Visa card and a line of credit owed.
    expect([...expected.keys()].sort()).toEqual(['CAD', 'USD']);
    const totals = page.getByRole('region', { name: 'Totals by currency' });
    for (const [currency, net] of expected) {
      const card = totals.getByRole('listitem').filter({ hasText: currency });
      await expect(card.getByRole('term').first()).toHaveText('Net worth');
      expect(plain((await card.getByTestId('net-worth').textContent()) ?? '')).toBe(
        money(net, currency, 'en-CA'),
      );
    }

    // Its history: kept with this first retrieval, so one day so far, said in words.
    const history = page.getByRole('region', { name: 'Net worth over time' });
    const cad = expected.get('CAD') ?? 0;
    await expect(history.locator('figcaption')).toHaveText(
      new RegExp(`^Over the last year: ${money(cad, 'CAD', 'en-CA').replace(/[$.]/g, '\\$&')} on `),
    );
    await history.getByRole('button', { name: 'USD' }).click();
    await expect(page).toHaveURL(/[?&]currency=USD/);
    await expect(history.locator('figcaption')).toContainText(
      money(expected.get('USD') ?? 0, 'USD', 'en-CA'),
    );
    await history.getByRole('button', { name: 'CAD' }).click();
    await expectAccessible(page, 'accounts with net worth');
    await snap(page, 'net-worth-dashboard-en');
  });

  test('the balance chart changes period with its buttons, by keyboard too, and says so', async ({
    page,
  }) => {
    await page.goto('/');
    await linkBank(page, 'greatday_nomfa');
    await openAccount(page, 'Chequing CAD');
    const chart = page.getByRole('region', { name: 'Balance over time' });
    const caption = chart.locator('figcaption');
    const periods = chart.getByRole('group', { name: 'Period shown' });
    await expect(periods.getByRole('button')).toHaveText(['1M', '3M', '1Y', 'All']);
    await expect(periods.getByRole('button', { name: /^1Y/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(
      chart.getByRole('img', { name: 'Balance over time' }).locator('canvas').first(),
    ).toBeVisible();
    await expect(caption).toHaveText(
      /^Over the last year: From .+ on .+ to .+ on .+\. Lowest .+, highest .+\.$/,
    );
    const year = await caption.textContent();

    await periods.getByRole('button', { name: /^1M/ }).click();
    await expect(caption).toHaveText(/^Over the last month: From /);
    await expect(page).toHaveURL(/[?&]range=1m/);
    const month = await caption.textContent();
    expect(month).not.toBe(year);
    // The start of a month's range is about a month before its end.
    const [, startDate, endDate] = /From .+? on (.+?) to .+? on (.+?)\./.exec(month ?? '') ?? [];
    const days = (Date.parse(endDate ?? '') - Date.parse(startDate ?? '')) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(28);
    expect(days).toBeLessThanOrEqual(31);

    // By keyboard: Tab to the next button, Enter.
    await periods.getByRole('button', { name: /^1M/ }).focus();
    await page.keyboard.press('Tab');
    await expect(periods.getByRole('button', { name: /^3M/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(caption).toHaveText(/^Over the last 3 months: From /);
    await expect(periods.getByRole('button', { name: /^3M/ })).toHaveAttribute('aria-pressed', 'true');

    // Its colours are the palette's CSS variables, read when it draws: a scheme that redefines them (dark
    // mode) is drawn in its own colours at once.
    const canvas = chart.getByRole('img', { name: 'Balance over time' }).locator('canvas').first();
    const redPixels = () =>
      canvas.evaluate((element) => {
        const drawn = element as HTMLCanvasElement;
        const data = drawn.getContext('2d')?.getImageData(0, 0, drawn.width, drawn.height).data ?? [];
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          if ((data[i] ?? 0) > 200 && (data[i + 1] ?? 0) < 60 && (data[i + 2] ?? 0) < 60) count += 1;
        }
        return count;
      });
    expect(await redPixels()).toBe(0);
    await page.evaluate(() =>
      document.documentElement.style.setProperty('--color-brand-700', 'rgb(230, 0, 0)'),
    );
    await expect.poll(redPixels).toBeGreaterThan(100);
    await page.evaluate(() => document.documentElement.style.removeProperty('--color-brand-700'));
    await expect.poll(redPixels).toBe(0);

    // The range is in the address: a reload keeps it.
    await page.reload();
    await expect(caption).toHaveText(/^Over the last 3 months: From /);
    await expectAccessible(page, 'account with its balance chart');
    await snap(page, 'balance-chart-en');
  });

  test('in French, net worth and the chart speak French', async ({ page }) => {
    await page.goto('/');
    await page.evaluate(() => window.localStorage.setItem('passbook.language', 'fr'));
    await page.reload();
    await linkBank(page, 'greatday_nomfa', { language: 'fr' });
    const expected = await expectedNetWorth(page);
    const totals = page.getByRole('region', { name: 'Totaux par devise' });
    const cad = totals.getByRole('listitem').filter({ hasText: 'CAD' });
    await expect(cad.getByRole('term').first()).toHaveText('Valeur nette');
    expect(plain((await cad.getByTestId('net-worth').textContent()) ?? '')).toBe(
      money(expected.get('CAD') ?? 0, 'CAD', 'fr-CA'),
    );
    const history = page.getByRole('region', { name: 'Évolution de la valeur nette' });
    await expect(history.locator('figcaption')).toHaveText(/^Au cours de la dernière année : .+ le /);
    await expectAccessible(page, 'accounts with net worth, in French');
    await snap(page, 'net-worth-dashboard-fr');

    await openAccount(page, 'Chequing CAD');
    const chart = page.getByRole('region', { name: 'Évolution du solde' });
    await chart.getByRole('button', { name: /^1 mois/ }).click();
    await expect(chart.locator('figcaption')).toHaveText(/^Au cours du dernier mois : De .+ le .+ à .+ le /);
    await expectAccessible(page, 'account with its balance chart, in French');
    await snap(page, 'balance-chart-fr');
  });
});
