import { expect, test } from '@playwright/test';
import { chooseInstitution, openConnect, submitCredentials, waitForAccounts } from '../../support/connect.ts';

test('a retrieval’s progress says in plain words what it waits for, and how often the bank was asked', async ({
  page,
}) => {
  await page.goto('/');
  // A slow bank answers "not ready yet" to several polls.
  const frame = await openConnect(page);
  await chooseInstitution(frame);
  await submitCredentials(frame, 'test_pending');
  const bank = page.getByRole('region', { name: 'Flinks Capital' });
  const progress = bank.getByRole('region', { name: 'Connecting Flinks Capital' });
  await expect(progress.getByRole('status')).toHaveText(
    'Waiting for Flinks Capital to send your accounts and transactions',
  );
  await expect(
    progress.getByText(/^Flinks Capital was asked (once|\d+ times) whether your data is ready\.$/),
  ).toBeVisible();
  await expect(page.getByText('Checks with the bank')).toHaveCount(0);
  await waitForAccounts(page);
});
