import { expect, test } from '@playwright/test';
import {
  answerSecurityQuestions,
  chooseInstitution,
  connectFrame,
  openConnect,
  submitCredentials,
  WORDS,
  waitForAccounts,
} from '../../support/connect.ts';

test('a reload during a first connection’s security question comes back to the question, and linking finishes', async ({
  page,
}) => {
  await page.goto('/');
  const frame = await openConnect(page);
  await chooseInstitution(frame);
  await submitCredentials(frame, 'Greatday');
  await expect(frame.getByRole('heading', { name: WORDS.en.mfaTitle })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Connect a bank' })).toBeVisible();
  const resumed = connectFrame(page);
  await expect(resumed.getByRole('heading', { name: WORDS.en.mfaTitle })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Connection steps' }).locator('[aria-current="step"]'),
  ).toContainText('Security questions');
  await answerSecurityQuestions(resumed);
  await expect(page.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
  await waitForAccounts(page);
});

test('leaving the page within the app ends the question: the next Connect opens at the bank list', async ({
  page,
}) => {
  await page.goto('/');
  const frame = await openConnect(page);
  await chooseInstitution(frame);
  await submitCredentials(frame, 'Greatday');
  await expect(frame.getByRole('heading', { name: WORDS.en.mfaTitle })).toBeVisible();

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
  ).toBeVisible();
  await page.reload();
  const fresh = await openConnect(page);
  await expect(fresh.getByRole('button', { name: WORDS.en.institution })).toBeVisible();
});
