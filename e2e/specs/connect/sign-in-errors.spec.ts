import { expect, test } from '@playwright/test';
import {
  acceptConsent,
  chooseInstitution,
  openConnect,
  submitCredentials,
  waitForAccounts,
} from '../../support/connect.ts';

test.describe('signing in to the bank', () => {
  test('a wrong password is retried inside Connect, then the bank links', async ({ page }) => {
    await page.goto('/');
    const frame = await openConnect(page);
    await chooseInstitution(frame);
    await submitCredentials(frame, 'greatday_nomfa', 'Everynight');

    await expect(frame.getByRole('alert')).toHaveText(/username or password is incorrect/i);
    // The sign-in form is shown again, empty, in the same Connect session.
    await expect(frame.getByLabel('Password')).toHaveValue('');
    await submitCredentials(frame, 'greatday_nomfa');

    await expect(page.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
    await waitForAccounts(page);
    await expect(
      page.getByRole('region', { name: 'Flinks Capital' }).getByText('Connected', { exact: true }),
    ).toBeVisible();
  });

  for (const { username, code, title, advice } of [
    {
      username: 'test_disabled_account',
      code: 'DISABLED_LOGIN',
      title: 'Flinks Capital has deactivated this sign-in',
      advice: /Sign in on Flinks Capital’s website or app to reactivate your access/,
    },
    {
      username: 'test_service_unavailable',
      code: 'RETRY_LATER',
      title: 'Flinks Capital cannot be reached right now',
      advice: /Try again in a few minutes/,
    },
  ]) {
    test(`${code} (${username}) is explained, naming the bank and what to do, with a way to start again`, async ({
      page,
    }) => {
      await page.goto('/');
      const frame = await openConnect(page);
      await chooseInstitution(frame);
      await submitCredentials(frame, username);

      const problem = page.getByRole('alert').filter({ hasText: title });
      await expect(problem).toBeVisible();
      await expect(problem).toContainText(advice);
      await expect(problem).toContainText(`Reference: ${code}`);
      // One message and one way on: Connect's own error screen and its button are not left beside ours.
      await expect(page.locator('iframe')).toHaveCount(0);
      await expect(page.getByRole('main').getByRole('button')).toHaveText(['Start again']);

      // Starting again opens a fresh Connect session, at its consent screen.
      await problem.getByRole('button', { name: 'Start again' }).click();
      await expect(problem).toHaveCount(0);
      const fresh = page.frameLocator('iframe[title="Secure bank sign-in by Flinks"]');
      await acceptConsent(fresh);
      await chooseInstitution(fresh);
      await submitCredentials(fresh, 'greatday_nomfa');
      await waitForAccounts(page);
    });
  }

  test('closing Connect says no bank was connected, with one way on and no dead frame', async ({ page }) => {
    await page.goto('/');
    const frame = await openConnect(page);
    await chooseInstitution(frame);
    await frame.getByRole('button', { name: 'Close' }).click();

    const message = page.getByRole('status').filter({ hasText: 'You closed the sign-in' });
    await expect(message).toContainText('No bank was connected');
    await expect(page.locator('iframe')).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('button')).toHaveText(['Start again']);
    await message.getByRole('button', { name: 'Start again' }).click();
    const fresh = page.frameLocator('iframe[title="Secure bank sign-in by Flinks"]');
    await acceptConsent(fresh);
    await chooseInstitution(fresh);
    await submitCredentials(fresh, 'greatday_nomfa');
    await waitForAccounts(page);
  });
});
