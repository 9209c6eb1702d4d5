import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../../support/axe.ts';
import { chooseInstitution, linkBank, openConnect, submitCredentials } from '../../support/connect.ts';
import { SANDBOX_URL } from '../../support/env.ts';

/** Usernames no other spec signs in with (`+` makes another login of greatday_nomfa). */
const TWICE = 'greatday_nomfa+twice';
const RECONNECTED = 'greatday_nomfa+reconnect';

async function signInAgain(page: Page, username: string): Promise<void> {
  const frame = await openConnect(page);
  await chooseInstitution(frame);
  await submitCredentials(frame, username);
  await expect(page.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
}

test('the same bank login linked twice is recognised: one card, the person taken to it, nothing counted twice', async ({
  page,
}) => {
  await page.goto('/');
  await linkBank(page, TWICE);
  const totals = await page.getByRole('region', { name: 'Totals by currency' }).textContent();
  const bank = page.getByRole('region', { name: 'Flinks Capital' });
  await expect(bank.getByRole('link', { name: /Chequing CAD/ })).toBeVisible();

  await signInAgain(page, TWICE.toUpperCase());
  await expect(bank.getByText('This bank login is already linked')).toBeVisible();
  await expect(bank).toBeFocused();
  await expect(page.getByRole('region', { name: /^Flinks Capital/ })).toHaveCount(1);
  await expect(bank.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Totals by currency' })).toHaveText(totals ?? '');
  await expect(bank.getByRole('link', { name: /Chequing CAD/ })).toHaveCount(1);
  await expectAccessible(page, 'a bank login linked already');
  await page.screenshot({ path: 'test-results/same-login-en.png', fullPage: true });

  await page.getByRole('button', { name: 'Afficher Passbook en français' }).click();
  await expect(bank.getByText('Cette connexion bancaire est déjà liée')).toBeVisible();
  await expectAccessible(page, 'a bank login linked already, in French');
  await page.screenshot({ path: 'test-results/same-login-fr.png', fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: 'test-results/same-login-fr-phone.png', fullPage: true });

  await page.reload();
  await expect(page.getByRole('region', { name: /^Flinks Capital/ })).toHaveCount(1);
});

test('a broken link reconnected through Connect is the same card, healthy again, with its history', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await linkBank(page, RECONNECTED);
  const bank = page.getByRole('region', { name: 'Flinks Capital' });
  await bank.getByRole('link', { name: /Chequing CAD/ }).click();
  const firstAccount = page.url();
  await page.goBack();

  // The password changes at the bank: the next refresh is refused and the card says to connect again.
  const broken = await request.post(`${SANDBOX_URL}/__sandbox/users/${RECONNECTED}/break-credentials`);
  expect(broken.ok()).toBe(true);
  await bank.getByRole('button', { name: 'Refresh data from Flinks Capital' }).click();
  await expect(bank.getByText('Flinks Capital did not accept the sign-in')).toBeVisible();
  await bank.getByRole('button', { name: 'Connect again' }).click();

  const frame = await (async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Connect a bank' })).toBeVisible();
    return page.frameLocator('iframe[title="Secure bank sign-in by Flinks"]');
  })();
  await frame.getByRole('button', { name: 'Accept' }).click();
  await chooseInstitution(frame);
  await submitCredentials(frame, RECONNECTED);
  await expect(page.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();

  await expect(bank.getByText('Flinks Capital is connected.')).toBeVisible();
  await expect(page.getByRole('region', { name: /^Flinks Capital/ })).toHaveCount(1);
  await expect(bank.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /needs? you$/ })).toHaveCount(0);
  await expectAccessible(page, 'a link reconnected');
  await page.screenshot({ path: 'test-results/reconnected-en.png', fullPage: true });
  await bank.getByRole('link', { name: /Chequing CAD/ }).click();
  expect(page.url()).toBe(firstAccount);
});
