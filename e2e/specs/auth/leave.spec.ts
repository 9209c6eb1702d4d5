import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank } from '../../support/connect.ts';
import { addVirtualAuthenticator, keepDataWithPasskey } from '../../support/passkeys.ts';

test('downloads everything, then deletes the account and is told what was removed', async ({ page }) => {
  await addVirtualAuthenticator(page);
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await keepDataWithPasskey(page);
  await page.getByRole('link', { name: 'Security' }).click();

  const data = page.getByRole('region', { name: 'Your data' });
  const download = page.waitForEvent('download');
  await data.getByRole('link', { name: 'Download everything (JSON)' }).click();
  const exported = JSON.parse(await readFile((await (await download).path()) ?? '', 'utf8'));
  expect(exported.links).toHaveLength(1);
  expect(exported.links[0].accounts.length).toBeGreaterThan(0);
  await expect(data.getByRole('link', { name: 'Chequing CAD transactions (CSV)' })).toBeVisible();

  await data.getByRole('button', { name: 'Delete my account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your Passbook account?' });
  await expect(dialog).toContainText('removed here and at Flinks');
  await expectAccessible(page, 'delete the account');
  await dialog.getByRole('button', { name: 'Delete everything' }).click();

  const notice = page.getByRole('status').filter({ hasText: 'Your account was deleted' });
  await expect(notice).toContainText('bank connections (at Flinks too): 1;');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('shows the record of consent, and stopping sharing says what follows and takes effect at once', async ({
  page,
}) => {
  await addVirtualAuthenticator(page);
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await keepDataWithPasskey(page);
  await page.getByRole('link', { name: 'Security' }).click();

  const consents = page.getByRole('region', { name: 'What you share' });
  await expect(consents.getByText('Flinks Capital')).toBeVisible();
  await expect(consents.getByText('Passbook reads: your accounts, balances and transactions.')).toBeVisible();
  await expect(consents.getByText(/^Data last fetched/)).toBeVisible();
  await consents.getByRole('button', { name: 'Stop sharing Flinks Capital' }).click();
  const dialog = page.getByRole('dialog', { name: 'Stop sharing Flinks Capital with Passbook?' });
  await expect(dialog).toContainText('This takes effect at once');
  await expectAccessible(page, 'stop sharing');
  await dialog.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(consents.getByText(/^You stopped sharing/)).toBeVisible();
  await expect(consents.getByRole('button', { name: 'Stop sharing Flinks Capital' })).toHaveCount(0);

  await page.goto('/');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
  ).toBeVisible();
});
