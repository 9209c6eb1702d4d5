import { expect, test } from '@playwright/test';
import { openAccount } from '../../support/accounts.ts';
import { expectAccessible } from '../../support/axe.ts';
import {
  acceptConsent,
  answerSecurityQuestions,
  chooseInstitution,
  connectFrame,
  linkBank,
  openConnect,
  startConnect,
  submitCredentials,
  waitForAccounts,
} from '../../support/connect.ts';

// Every screen in both themes: dark turns the palette over, and each pair must keep its contrast.
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`no serious or critical accessibility violation, ${colorScheme}`, () => {
    test.use({ colorScheme });

    test('empty state, Connect, progress, accounts, account page and the remove dialog', async ({ page }) => {
      // Nine pages and dialogs checked one after the other, with the full catalogue of account kinds.
      test.slow();
      await page.goto('/');
      await expect(
        page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
      ).toBeVisible();
      await expectAccessible(page, 'empty');

      const frame = await startConnect(page);
      await expectAccessible(page, 'Connect: consent');
      await acceptConsent(frame);
      await expectAccessible(page, 'Connect: institutions');
      await chooseInstitution(frame);
      await expectAccessible(page, 'Connect: sign in');

      // test_pending keeps the bank busy for several polls, long enough to look at the progress.
      await submitCredentials(frame, 'test_pending');
      await expect(page.getByRole('progressbar')).toBeVisible();
      await expectAccessible(page, 'progress');
      await waitForAccounts(page);
      await expectAccessible(page, 'accounts');

      await page.getByRole('button', { name: /^Remove / }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectAccessible(page, 'remove dialog');
      await page.getByRole('button', { name: 'Keep it' }).click();

      await openAccount(page, 'Chequing CAD');
      await expect(
        page.getByRole('region', { name: 'Transactions, newest first' }).getByRole('row').nth(1),
      ).toBeVisible();
      await expectAccessible(page, 'account');
    });

    test('a bank error and the security question of a refresh', async ({ page }) => {
      await page.goto('/');
      const frame = await openConnect(page);
      await chooseInstitution(frame);
      await submitCredentials(frame, 'test_disabled_account');
      await expect(page.getByRole('alert').filter({ hasText: 'deactivated this sign-in' })).toBeVisible();
      await expectAccessible(page, 'Connect error');

      await page.getByRole('button', { name: 'Start again' }).click();
      const fresh = connectFrame(page);
      await acceptConsent(fresh);
      await chooseInstitution(fresh);
      await submitCredentials(fresh, 'Greatday');
      await expect(fresh.getByRole('heading', { name: 'Security verification' })).toBeVisible();
      await expectAccessible(page, 'Connect: security question');
      await answerSecurityQuestions(fresh);
      await waitForAccounts(page);

      await page.getByRole('button', { name: 'Refresh data from Flinks Capital' }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: 'Answer your bank’s security question' }),
      ).toBeVisible();
      await expect(connectFrame(page).getByRole('heading', { name: 'Security verification' })).toBeVisible();
      await expectAccessible(page, 'MFA relaunch');
    });

    test('in French', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: 'Réunissez vos comptes bancaires' }),
      ).toBeVisible();
      await expectAccessible(page, 'French empty');
      await linkBank(page, 'greatday_nomfa', { language: 'fr' });
      await expectAccessible(page, 'French accounts');
      await openAccount(page, 'Chequing CAD');
      await expectAccessible(page, 'French account');
    });
  });
}

test.describe('keyboard', () => {
  test('opening Connect leaves focus on our heading, and the keyboard reaches Connect next', async ({
    page,
  }) => {
    await page.goto('/');
    const frame = await startConnect(page);
    // Connect has drawn its first screen, the consent, and with it tried to take focus.
    await expect(frame.getByRole('heading', { name: 'Share your financial data' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Connect a bank' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Cancel' }).first()).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(frame.getByRole('button', { name: 'Close' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(frame.getByRole('button', { name: 'Accept' })).toBeFocused();
  });
});
