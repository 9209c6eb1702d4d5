import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank, waitForAccounts } from '../../support/connect.ts';
import { OIDC } from '../../support/env.ts';
import { addVirtualAuthenticator, copyPasskeys } from '../../support/passkeys.ts';
import { signInAtProvider, signInWithProvider } from '../../support/single-sign-on.ts';

async function signedIn(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test.describe('single sign-on with an OpenID provider', () => {
  test('signs in with the provider, links a bank, signs out, and sees the link after signing in again', async ({
    page,
    browser,
  }) => {
    const login = `person-${crypto.randomUUID()}`;
    await page.goto('/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toBeVisible();
    await expectAccessible(page, 'sign-in with single sign-on');
    await page.getByRole('button', { name: signInWithProvider }).click();
    await signInAtProvider(page, login);
    await signedIn(page);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
    ).toBeVisible();

    await linkBank(page, 'greatday_nomfa');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Passbook' })).toBeVisible();
    await page.goto('/');
    await expect(page.getByRole('link', { name: /Chequing CAD/ })).toHaveCount(0);

    // Another device: the provider asks again who the person is, and Passbook finds their account.
    const other = await browser.newContext();
    try {
      const elsewhere = await other.newPage();
      await elsewhere.goto('/sign-in');
      await elsewhere.getByRole('button', { name: signInWithProvider }).click();
      await signInAtProvider(elsewhere, login);
      await signedIn(elsewhere);
      await expect(elsewhere.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
      await waitForAccounts(elsewhere);

      await elsewhere.getByRole('link', { name: 'Security' }).click();
      const section = elsewhere.getByRole('region', { name: 'Single sign-on' });
      await expect(section.getByText(`You can sign in with ${OIDC.name}.`)).toBeVisible();
      await expect(section.getByText('This is your only way in')).toBeVisible();
      await expect(elsewhere.getByRole('region', { name: 'Recent activity' })).toContainText(
        'Single sign-on added',
      );
      await expectAccessible(elsewhere, 'security with single sign-on');
    } finally {
      await other.close();
    }
  });

  test('a passkey account adds the provider on the security page; either way in then opens it', async ({
    page,
    browser,
  }) => {
    const authenticator = await addVirtualAuthenticator(page);
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Create an account with a passkey' }).click();
    await signedIn(page);
    await page.goto('/');
    await linkBank(page, 'greatday_nomfa');
    await page.getByRole('link', { name: 'Security' }).click();
    const section = page.getByRole('region', { name: 'Single sign-on' });
    const passkeys = page.getByRole('region', { name: 'Passkeys' });
    await expect(passkeys.getByText('This is your only way in')).toBeVisible();
    await section.getByRole('button', { name: `Use ${OIDC.name} to sign in` }).click();
    const login = `person-${crypto.randomUUID()}`;
    await signInAtProvider(page, login);
    await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
    await expect(section.getByText(`You can sign in with ${OIDC.name}.`)).toBeVisible();
    // The provider is another way in: the only passkey may now go, and the provider may not once it has.
    await expect(passkeys.getByText('This is your only way in')).toHaveCount(0);
    await expectAccessible(page, 'security with a passkey and single sign-on');

    // Two other devices, one with the provider, one with the passkey: the same account.
    const withProvider = await browser.newContext();
    const withPasskey = await browser.newContext();
    try {
      const elsewhere = await withProvider.newPage();
      await elsewhere.goto('/sign-in');
      await elsewhere.getByRole('button', { name: signInWithProvider }).click();
      await signInAtProvider(elsewhere, login);
      await waitForAccounts(elsewhere);
      const again = await withPasskey.newPage();
      await copyPasskeys(authenticator, again);
      await again.goto('/sign-in');
      await again.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await waitForAccounts(again);
    } finally {
      await withProvider.close();
      await withPasskey.close();
    }

    await section.getByRole('button', { name: `Stop signing in with ${OIDC.name}` }).click();
    await expect(section.getByRole('button', { name: `Use ${OIDC.name} to sign in` })).toBeVisible();
    await expect(passkeys.getByText('This is your only way in')).toBeVisible();
  });

  test('keeps what an anonymous visit linked when the person signs in with the provider', async ({
    page,
  }) => {
    await page.goto('/');
    await linkBank(page, 'greatday_nomfa');
    const invite = page.getByRole('region', { name: 'Keep your data with a passkey' });
    await invite.getByRole('button', { name: `Use ${OIDC.name} instead` }).click();
    await signInAtProvider(page, `person-${crypto.randomUUID()}`);
    await signedIn(page);
    await waitForAccounts(page);
    await expect(page.getByRole('region', { name: 'Keep your data with a passkey' })).toHaveCount(0);
  });

  test('says in words why a sign-in that did not start here was refused', async ({ page }) => {
    await page.goto('/api/auth/oidc/callback?code=forged&state=forged');
    await expect(page).toHaveURL(/\/sign-in\?signInError=OIDC_STATE_MISMATCH$/);
    await expect(page.getByRole('alert')).toHaveText(
      'This sign-in was not started from this browser, or was already used. Start again below.',
    );
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  });

  test('a cancelled sign-in at the provider comes back to a clear message', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: signInWithProvider }).click();
    await expect(page.getByRole('heading', { name: 'Sign-in' })).toBeVisible();
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      `You were not signed in: it was cancelled or refused at ${OIDC.name}.`,
    );
  });
});
