import { expect, type Page, test } from '@playwright/test';
import { answerSecurityQuestions, connectFrame, linkBank, WORDS } from '../../support/connect.ts';

/** Links Greatday, starts a refresh and waits for Connect to reopen on the bank's security question. */
async function refreshUntilQuestion(page: Page): Promise<void> {
  await page.goto('/');
  await linkBank(page, 'Greatday', { mfa: true });
  await page.getByRole('button', { name: 'Refresh data from Flinks Capital' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Answer your bank’s security question' }),
  ).toBeVisible();
  await expect(connectFrame(page).getByRole('heading', { name: WORDS.en.mfaTitle })).toBeVisible();
}

const steps = (page: Page) => page.getByRole('navigation', { name: 'Connection steps' });

test.describe('a refresh’s security question', () => {
  test('answered from a new tab after the first tab opened it, it opens a fresh Connect and the refresh finishes', async ({
    page,
    context,
  }) => {
    await refreshUntilQuestion(page);
    // The first tab spent the Connect URL the job was given; the person closes it and comes back later.
    await page.close();

    const later = await context.newPage();
    await later.goto('/');
    const bank = later.getByRole('region', { name: 'Flinks Capital' });
    await bank.getByRole('button', { name: 'Answer the security question' }).click();
    await answerSecurityQuestions(connectFrame(later));
    await expect(later.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
    await expect(bank.getByText('Connected', { exact: true })).toBeVisible();
    await expect(bank.getByText('Last updated just now')).toBeVisible();
  });

  test('closing Connect says the refresh waits for the answer, with one way on, and answering later finishes it', async ({
    page,
  }) => {
    await refreshUntilQuestion(page);
    await connectFrame(page).getByRole('button', { name: 'Close' }).click();

    const message = page.getByRole('status').filter({ hasText: 'The security question was not answered' });
    await expect(message).toContainText('The refresh of Flinks Capital waits for your answer');
    await expect(page.getByText('The sign-in was closed before a bank was connected.')).toHaveCount(0);
    // No dead frame behind the message, and one action to go on.
    await expect(page.locator('iframe')).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('button')).toHaveText(['Answer now']);

    await message.getByRole('button', { name: 'Answer now' }).click();
    await answerSecurityQuestions(connectFrame(page));
    const bank = page.getByRole('region', { name: 'Flinks Capital' });
    await expect(bank.getByText('Last updated just now')).toBeVisible();
  });

  test('the step indicator shows only the question and the retrieval, and keeps its place after a wrong answer', async ({
    page,
  }) => {
    await refreshUntilQuestion(page);
    await expect(steps(page).getByRole('listitem')).toHaveText([
      /^1\s*Security questions/,
      /^2\s*Retrieving data/,
    ]);
    await expect(steps(page).locator('[aria-current="step"]')).toContainText('Security questions');

    const frame = connectFrame(page);
    await frame.getByRole('textbox').fill('Nowhere');
    await frame.getByRole('button', { name: WORDS.en.submit }).click();
    await expect(frame.getByRole('alert')).toBeVisible();
    await expect(steps(page).getByRole('listitem')).toHaveCount(2);
    await expect(steps(page).locator('[aria-current="step"]')).toContainText('Security questions');
  });
});
