import { expect, test } from '@playwright/test';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank } from '../../support/connect.ts';
import { SANDBOX_URL } from '../../support/env.ts';

/** Nobody else's spec links this test user, so changing its password touches this spec alone. */
const USERNAME = 'test_dispatched';

test('a link the bank stops accepting is flagged on its card, in the header and on the attention page', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await linkBank(page, USERNAME);
  const bank = page.getByRole('region', { name: 'Flinks Capital' });
  await expect(bank.getByText(/^Next automatic update /)).toBeVisible();
  await expect(page.getByRole('link', { name: /needs? you$/ })).toHaveCount(0);

  // The person changes their password at the bank: the next live refresh is refused.
  const broken = await request.post(`${SANDBOX_URL}/__sandbox/users/${USERNAME}/break-credentials`);
  expect(broken.ok()).toBe(true);
  await bank.getByRole('button', { name: 'Refresh data from Flinks Capital' }).click();
  await expect(bank.getByText('Flinks Capital did not accept the sign-in')).toBeVisible();
  await expect(bank.getByRole('button', { name: 'Connect again' })).toBeVisible();
  await expect(bank.getByText(/^Next automatic update/)).toHaveCount(0);

  const attention = page.getByRole('link', { name: '1 bank needs you' });
  await expect(attention).toBeVisible();
  await expectAccessible(page, 'dashboard with a broken link');
  await page.screenshot({ path: 'test-results/sync-broken-dashboard.png', fullPage: true });

  await attention.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Needs your attention' })).toBeVisible();
  const item = page.getByRole('listitem').filter({ hasText: 'Flinks Capital' });
  await expect(item.getByText('Flinks Capital did not accept the sign-in')).toBeVisible();
  await expectAccessible(page, 'attention centre');
  await page.screenshot({ path: 'test-results/sync-attention-en.png', fullPage: true });

  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ce qui demande votre attention' })).toBeVisible();
  await expect(page.getByRole('link', { name: '1 banque a besoin de vous' })).toBeVisible();
  await expect(item.getByText('Flinks Capital n’a pas accepté la connexion')).toBeVisible();
  await expect(item.getByRole('button', { name: 'Connecter de nouveau' })).toBeVisible();
  await expectAccessible(page, 'attention centre in French');
  await page.screenshot({ path: 'test-results/sync-attention-fr.png', fullPage: true });

  await item.getByRole('button', { name: 'Connecter de nouveau' }).click();
  await expect(page).toHaveURL(/\/connect$/);
});
