import { expect, test } from '@playwright/test';
import { linkBank } from '../../support/connect.ts';
import { SANDBOX_URL } from '../../support/env.ts';

const TOOLBOX_CUSTOMER = '43387ca6-0391-4c82-857d-70d95f087ecb';
const TOOLBOX_API_KEY = '3d5266a8-b697-48d4-8de6-52e2e2662acc';

test('a login Flinks no longer knows says the bank must be connected again, not that the password is wrong', async ({
  page,
  request,
}) => {
  let loginId = '';
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/links')
      loginId = r.postDataJSON().loginId;
  });
  await page.goto('/');
  await linkBank(page, 'greatday_nomfa');

  // Flinks forgets the login, as the emulator does when it restarts without its login file.
  const deleted = await request.delete(
    `${SANDBOX_URL}/v3/${TOOLBOX_CUSTOMER}/BankingServices/DeleteCard/${loginId}`,
    { headers: { 'x-api-key': TOOLBOX_API_KEY } },
  );
  expect(deleted.status()).toBe(200);

  const bank = page.getByRole('region', { name: 'Flinks Capital' });
  await bank.getByRole('button', { name: 'Refresh data from Flinks Capital' }).click();
  const problem = bank.getByRole('alert');
  await expect(problem).toContainText('Flinks Capital must be connected again');
  await expect(problem).not.toContainText('username and password');
  await expect(problem).toContainText('Reference: LOGIN_UNKNOWN');
  await expect(problem.getByRole('button', { name: 'Connect again' })).toBeVisible();
});
