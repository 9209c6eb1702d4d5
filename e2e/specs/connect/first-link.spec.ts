import { expect, test } from '@playwright/test';
import {
  answerSecurityQuestions,
  chooseInstitution,
  openConnect,
  submitCredentials,
} from '../../support/connect.ts';

test.describe('linking a first bank', () => {
  test('without MFA: from the empty state through Connect to accounts with balances per currency', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
    ).toBeVisible();

    const frame = await openConnect(page);
    const steps = page.getByRole('navigation', { name: 'Connection steps' });
    await expect(steps.locator('[aria-current="step"]')).toContainText('Choose your bank');

    await chooseInstitution(frame);
    await expect(steps.locator('[aria-current="step"]')).toContainText('Sign in');
    // Connect's screen holds only what it says: nothing stands in for the alert it does not show.
    await expect(frame.getByRole('main')).toHaveText(
      /^Sign in to Flinks Capital\s*Username\s*Password\s*Continue\s*Forgot your password\?$/,
    );
    await submitCredentials(frame, 'greatday_nomfa');

    // The retrieval is followed on the accounts page until the bank's accounts arrive.
    await expect(page.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
    const progress = page.getByRole('progressbar', { name: /^Connecting/ });
    await expect(progress).toBeVisible();
    const bank = page.getByRole('region', { name: 'Flinks Capital' });
    await expect(bank.getByRole('link', { name: /Chequing CAD/ })).toBeVisible();
    await expect(progress).toHaveCount(0);
    await expect(bank.getByText(/^Last updated/)).toBeVisible();
    await expect(bank.getByText('Connected', { exact: true })).toBeVisible();

    // Each account with its balance in its own currency; totals per currency, never CAD added to USD.
    await expect(bank.getByRole('link', { name: /Chequing CAD.*\$[\d,]+\.\d\d/ })).toBeVisible();
    await expect(bank.getByRole('link', { name: /Chequing USD.*US\$[\d,]+\.\d\d/ })).toBeVisible();
    const totals = page.getByRole('region', { name: 'Totals by currency' }).getByRole('listitem');
    await expect(totals).toHaveCount(2);
    await expect(totals.filter({ hasText: 'CAD' })).toContainText(/\$[\d,]+\.\d\d/);
    await expect(totals.filter({ hasText: 'USD' })).toContainText(/US\$[\d,]+\.\d\d/);
  });

  test('with MFA: the security question is answered inside the iframe', async ({ page }) => {
    await page.goto('/');
    const frame = await openConnect(page);
    await chooseInstitution(frame);
    await submitCredentials(frame, 'Greatday');
    await expect(
      page.getByRole('navigation', { name: 'Connection steps' }).locator('[aria-current="step"]'),
    ).toContainText('Security questions');
    await expect(frame.getByRole('main')).toHaveText(
      // Greatday is asked one of its three questions.
      /^Security verification\s*Flinks Capital needs to verify your identity\.\s*(What city were you born in|What is the best country on earth|What shape do people like most)\?\s*Continue$/,
    );
    await answerSecurityQuestions(frame);

    const bank = page.getByRole('region', { name: 'Flinks Capital' });
    await expect(bank.getByRole('link', { name: /Chequing CAD/ })).toBeVisible();
    await expect(bank.getByText(/^Last updated/)).toBeVisible();
  });
});
