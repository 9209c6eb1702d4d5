import { expect, test } from '@playwright/test';
import {
  openAccount,
  shownTransactionCount,
  storedTransactionCounts,
  sum,
  todayAsShown,
} from '../../support/accounts.ts';
import { answerSecurityQuestions, connectFrame, linkBank } from '../../support/connect.ts';

test.describe('refreshing a bank', () => {
  test('a live refresh adds the new transactions once, never duplicating earlier ones', async ({ page }) => {
    await page.goto('/');
    await linkBank(page, 'greatday_nomfa');
    const before = await storedTransactionCounts(page);

    await openAccount(page, 'Chequing CAD');
    const chequingBefore = await shownTransactionCount(page);
    expect(chequingBefore).toBe(before.get('Chequing CAD'));
    await page.getByRole('link', { name: 'All accounts' }).click();

    const bank = page.getByRole('region', { name: 'Flinks Capital' });
    await bank.getByRole('button', { name: 'Refresh data from Flinks Capital' }).click();
    await expect(bank.getByRole('progressbar', { name: 'Refreshing Flinks Capital' })).toBeVisible();
    const outcome = bank.getByRole('status').filter({ hasText: /^Up to date: \d+ new transactions?\.$/ });
    await expect(outcome).toBeVisible();
    const added = Number((await outcome.textContent())?.replace(/\D/g, ''));
    expect(added).toBeGreaterThanOrEqual(2);

    // Every account grew by exactly what the bank added: nothing stored twice.
    const after = await storedTransactionCounts(page);
    expect(sum(after)).toBe(sum(before) + added);
    const chequingAdded = (after.get('Chequing CAD') ?? 0) - chequingBefore;
    expect(chequingAdded).toBeGreaterThanOrEqual(2);

    await openAccount(page, 'Chequing CAD');
    // The page may first show what it had cached, then what the server holds now.
    await expect.poll(() => shownTransactionCount(page)).toBe(chequingBefore + chequingAdded);
    // Newest first: today's transactions lead the table.
    const firstRows = page.getByRole('region', { name: 'Transactions, newest first' }).getByRole('row');
    await expect(firstRows.nth(1)).toContainText(todayAsShown());
    await expect(firstRows.nth(2)).toContainText(todayAsShown());

    // A second refresh stores only what that one brought, too.
    await page.getByRole('link', { name: 'All accounts' }).click();
    await bank.getByRole('button', { name: 'Refresh data from Flinks Capital' }).click();
    await expect(bank.getByRole('progressbar', { name: 'Refreshing Flinks Capital' })).toBeVisible();
    await expect(outcome).toBeVisible();
    const addedAgain = Number((await outcome.textContent())?.replace(/\D/g, ''));
    expect(sum(await storedTransactionCounts(page))).toBe(sum(after) + addedAgain);
  });

  test('a refresh that needs MFA relaunches Connect with a reason, then completes without a second click', async ({
    page,
  }) => {
    await page.goto('/');
    await linkBank(page, 'Greatday', { mfa: true });
    const before = sum(await storedTransactionCounts(page));

    await page.getByRole('button', { name: 'Refresh data from Flinks Capital' }).click();

    // The bank asks its question: Connect reopens by itself, saying why.
    await expect(
      page.getByRole('heading', { level: 1, name: 'Answer your bank’s security question' }),
    ).toBeVisible();
    await expect(
      page.getByText(
        'Flinks Capital asks a security question before it shares your latest data. Answer it below and the refresh will finish on its own.',
      ),
    ).toBeVisible();
    await answerSecurityQuestions(connectFrame(page));

    // Back on the accounts page, the same refresh finishes on its own.
    await expect(page.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
    const bank = page.getByRole('region', { name: 'Flinks Capital' });
    const outcome = bank.getByRole('status').filter({ hasText: /^Up to date: \d+ new transactions?\.$/ });
    await expect(outcome).toBeVisible();
    const added = Number((await outcome.textContent())?.replace(/\D/g, ''));
    expect(added).toBeGreaterThanOrEqual(2);
    expect(sum(await storedTransactionCounts(page))).toBe(before + added);
    await expect(bank.getByText('Connected', { exact: true })).toBeVisible();
    await expect(bank.getByText('Last updated just now')).toBeVisible();
  });
});
