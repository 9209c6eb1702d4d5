import { expect, test } from '@playwright/test';
import {
  chooseInstitution,
  openConnect,
  PASSWORD,
  submitCredentials,
  waitForAccounts,
} from '../../support/connect.ts';
import { openRecorded, recordRegion } from '../../support/recorded.ts';

test('a retrieval’s progress says in plain words what it waits for, and how often the bank was asked', async ({
  page,
}) => {
  // The bank's "not ready yet" lasts seconds: what the progress showed is recorded as it is shown, and checked
  // once the retrieval is over, so a slow test run cannot miss it.
  const recording = await recordRegion(page, 'Connecting Flinks Capital');
  await page.goto('/');
  // A slow bank answers "not ready yet" to several polls.
  const frame = await openConnect(page);
  await chooseInstitution(frame);
  await submitCredentials(frame, 'test_pending');
  // The bank takes about 6 s to be ready, then its year of transactions is stored: on a busy machine that
  // outlasts the default wait.
  await waitForAccounts(page, { timeout: 45_000 });

  const waiting = (await recording.shown()).findLast((html) => html.includes('whether your data is ready'));
  expect(waiting, 'the progress said how often the bank was asked').toBeDefined();
  const shown = await openRecorded(page, waiting ?? '');
  const progress = shown.getByRole('region', { name: 'Connecting Flinks Capital' });
  await expect(progress.getByRole('status')).toHaveText(
    'Waiting for Flinks Capital to send your accounts and transactions',
  );
  await expect(
    progress.getByText(/^Flinks Capital was asked (once|\d+ times) whether your data is ready\.$/),
  ).toBeVisible();
  await expect(progress.getByText('Checks with the bank')).toHaveCount(0);
  // The steps say which is passed, which is under way.
  const steps = progress.getByRole('list', { name: 'Steps' }).getByRole('listitem');
  await expect(steps).toHaveText([
    'Sign in to Flinks Capital (done)',
    'Flinks Capital prepares your data',
    'Save your transactions',
  ]);
  await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
});

test('once the bank has sent its answer, the progress says how many transactions are being saved', async ({
  page,
}) => {
  test.slow();
  await page.goto('/');
  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  const frame = await openConnect(page, 'fr');
  await chooseInstitution(frame, 'fr');
  // More than 50,000 transactions: saving them is a stage of its own, long enough to be seen.
  await submitCredentials(frame, 'test_large_history', PASSWORD, 'fr');
  const progress = page
    .getByRole('region', { name: 'Flinks Capital' })
    .getByRole('region', { name: 'Connexion à Flinks Capital' });
  await expect(progress.getByRole('status')).toHaveText(
    /^Enregistrement de \d{2}[\s\u202f\u00a0]\d{3} opérations$/,
    { timeout: 120_000 },
  );
  await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '4');
  const steps = progress.getByRole('list', { name: 'Étapes' }).getByRole('listitem');
  await expect(steps.nth(2)).toHaveAttribute('aria-current', 'step');
  await expect(steps.nth(1)).toContainText('terminé');
  await expect(page.getByRole('link', { name: /^Business Chequing CAD/ })).toBeVisible({ timeout: 120_000 });
});
