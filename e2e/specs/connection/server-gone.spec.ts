import { expect, test } from '@playwright/test';
import {
  chooseInstitution,
  openConnect,
  PASSWORD,
  submitCredentials,
  waitForAccounts,
} from '../../support/connect.ts';

test('says within seconds that Passbook cannot be reached, keeps trying, and recovers on its own', async ({
  page,
}) => {
  // The server "goes away" once the link job has started: every API request is refused at the connection.
  let down = false;
  await page.route('**/api/**', (route) => (down ? route.abort('connectionrefused') : route.continue()));
  page.on('response', (response) => {
    if (response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/links') {
      down = true;
    }
  });

  await page.goto('/');
  const frame = await openConnect(page);
  await chooseInstitution(frame);
  await submitCredentials(frame, 'greatday_nomfa', PASSWORD);

  const banner = page.getByRole('alert').filter({ hasText: /trying again every few seconds/i });
  await expect(banner).toBeVisible({ timeout: 5_000 });
  await expect(banner).toContainText('Passbook cannot be reached.');

  down = false;
  await expect(banner).toHaveCount(0);
  await waitForAccounts(page);
});
