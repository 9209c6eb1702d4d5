import { expect, test } from '@playwright/test';
import { expectAccessible } from '../../support/axe.ts';
import {
  answerSecurityQuestions,
  chooseInstitution,
  openConnect,
  submitCredentials,
  waitForAccounts,
} from '../../support/connect.ts';

test('two logins at one bank are told apart by their masked username, and one can be renamed', async ({
  page,
}) => {
  await page.goto('/');
  for (const [username, mfa] of [
    ['greatday_nomfa', false],
    ['Greatday', true],
  ] as const) {
    const frame = await openConnect(page);
    await chooseInstitution(frame);
    await submitCredentials(frame, username);
    if (mfa) await answerSecurityQuestions(frame);
    await waitForAccounts(page);
  }

  const first = page.getByRole('region', { name: 'Flinks Capital (gr•••fa)' });
  const second = page.getByRole('region', { name: 'Flinks Capital (Gr•••ay)' });
  await expect(first.getByText('Username gr•••fa')).toBeVisible();
  await expect(second.getByText('Username Gr•••ay')).toBeVisible();
  // Every control says which link it acts on.
  await expect(first.getByRole('button', { name: 'Remove Flinks Capital (gr•••fa)' })).toBeVisible();
  await expect(
    second.getByRole('button', { name: 'Refresh data from Flinks Capital (Gr•••ay)' }),
  ).toBeVisible();
  await expectAccessible(page, 'two links at one bank');

  await second.getByRole('button', { name: 'Rename Flinks Capital (Gr•••ay)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename Flinks Capital (Gr•••ay)' });
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await expectAccessible(page, 'rename dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Joint account');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);

  const joint = page.getByRole('region', { name: 'Joint account' });
  await expect(joint.getByRole('heading', { name: 'Joint account' })).toBeVisible();
  await expect(joint.getByText('Flinks Capital · Username Gr•••ay')).toBeVisible();
  await expect(joint.getByRole('button', { name: 'Remove Joint account' })).toBeVisible();
  // Now alone with its name, the other link is plainly Flinks Capital again.
  await expect(page.getByRole('button', { name: 'Remove Flinks Capital' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('region', { name: 'Joint account' })).toBeVisible();

  // An empty name gives the link its bank's name back.
  await page.getByRole('button', { name: 'Rename Joint account' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('region', { name: 'Flinks Capital (Gr•••ay)' })).toBeVisible();
});
