import { expect, type Page, test } from '@playwright/test';
import {
  answerSecurityQuestions,
  chooseInstitution,
  connectFrame,
  linkBank,
  openConnect,
  submitCredentials,
  WORDS,
} from '../../support/connect.ts';

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

test.describe('Connect’s outcomes on a 375-px phone', () => {
  test('a disabled login leaves one message and one button, and closing Connect too', async ({ page }) => {
    await page.goto('/');
    let frame = await openConnect(page);
    await chooseInstitution(frame);
    await submitCredentials(frame, 'test_disabled_account');
    await expect(page.getByRole('alert')).toContainText('Flinks Capital has deactivated this sign-in');
    await expect(page.locator('iframe')).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('button')).toHaveText(['Start again']);
    await expectNoHorizontalOverflow(page);

    await page.getByRole('button', { name: 'Start again' }).click();
    frame = connectFrame(page);
    await frame.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'You closed the sign-in' })).toBeVisible();
    await expect(page.locator('iframe')).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('button')).toHaveText(['Start again']);
    await expectNoHorizontalOverflow(page);
  });

  test('a refresh’s question shows its two steps and finishes', async ({ page }) => {
    await page.goto('/');
    await linkBank(page, 'Greatday', { mfa: true });
    await page.getByRole('button', { name: 'Refresh data from Flinks Capital' }).click();
    const frame = connectFrame(page);
    await expect(frame.getByRole('heading', { name: WORDS.en.mfaTitle })).toBeVisible();
    const steps = page.getByRole('navigation', { name: 'Connection steps' });
    await expect(steps.getByRole('listitem')).toHaveText([/Security questions/, /Retrieving data/]);
    await expectNoHorizontalOverflow(page);
    await answerSecurityQuestions(frame);
    await expect(
      page.getByRole('region', { name: 'Flinks Capital' }).getByText('Last updated just now'),
    ).toBeVisible();
  });
});

test('Connect opens at the top of the screen with Cancel in sight', async ({ page }) => {
  await page.goto('/');
  const frame = await openConnect(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Connect a bank' })).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeInViewport({ ratio: 1 });
  await expect(frame.getByRole('heading', { name: 'Select your institution' })).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});
