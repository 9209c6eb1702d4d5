import { expect, test } from '@playwright/test';
import { linkBank } from '../../support/connect.ts';
import { SANDBOX_URL } from '../../support/env.ts';

test('removing a bank asks first, then deletes its data here and at Flinks', async ({ page, request }) => {
  let loginId = '';
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/links')
      loginId = r.postDataJSON().loginId;
  });
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');
  await page.getByRole('link', { name: /^Chequing CAD/ }).click();
  const accountPath = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'All accounts' }).click();

  const remove = page.getByRole('button', { name: 'Remove Flinks Capital' });
  await remove.click();
  const dialog = page.getByRole('dialog', { name: 'Remove Flinks Capital?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Your bank accounts themselves are not affected.');
  // The safe choice has focus; keeping the bank changes nothing.
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(remove).toBeFocused();
  await expect(page.getByRole('link', { name: /^Chequing CAD/ })).toBeVisible();

  await remove.click();
  await dialog.getByRole('button', { name: 'Remove Flinks Capital' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
  ).toBeVisible();

  await page.reload();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
  ).toBeVisible();
  await page.goto(accountPath);
  await expect(
    page.getByRole('heading', { level: 1, name: 'This account is no longer available.' }),
  ).toBeVisible();

  // Flinks was asked to forget the login.
  const calls = await request.get(`${SANDBOX_URL}/__sandbox/calls`, {
    params: { endpoint: 'DeleteCard', loginId },
  });
  expect(((await calls.json()) as { status: number }[]).map((call) => call.status)).toContain(200);
});
