import { expect, test } from '@playwright/test';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank, waitForAccounts } from '../../support/connect.ts';
import { OIDC } from '../../support/env.ts';
import { createAccountWithPasskey, signInWithSyncedPasskey } from '../../support/passkeys.ts';
import { expectSignedIn, onAnotherDevice } from '../../support/session.ts';
import { SIGN_IN_WITH_PROVIDER, signInAtProvider, signInWithProvider } from '../../support/single-sign-on.ts';

test.describe('single sign-on with an OpenID provider', () => {
  test('signs in with the provider, links a bank, signs out, and sees the link after signing in again', async ({
    page,
    browser,
  }) => {
    const login = `person-${crypto.randomUUID()}`;
    await page.goto('/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toBeVisible();
    await expectAccessible(page, 'sign-in with single sign-on');
    await signInWithProvider(page, login);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
    ).toBeVisible();

    await linkBank(page, 'greatday_nomfa');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Passbook' })).toBeVisible();
    await page.goto('/');
    await expect(page.getByRole('link', { name: /Chequing CAD/ })).toHaveCount(0);

    // Another device: the provider asks again who the person is, and Passbook finds their account.
    await onAnotherDevice(browser, async (elsewhere) => {
      await elsewhere.goto('/sign-in');
      await signInWithProvider(elsewhere, login);
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
    });
  });

  test('a passkey account adds the provider on the security page; either way in then opens it', async ({
    page,
    browser,
  }) => {
    const authenticator = await createAccountWithPasskey(page);
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
    await onAnotherDevice(browser, async (elsewhere) => {
      await elsewhere.goto('/sign-in');
      await signInWithProvider(elsewhere, login);
      await waitForAccounts(elsewhere);
    });
    await onAnotherDevice(browser, async (again) => {
      await signInWithSyncedPasskey(authenticator, again);
      await waitForAccounts(again);
    });

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
    await expectSignedIn(page);
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
    await page.getByRole('button', { name: SIGN_IN_WITH_PROVIDER }).click();
    await expect(page.getByRole('heading', { name: 'Sign-in' })).toBeVisible();
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      `You were not signed in: it was cancelled or refused at ${OIDC.name}.`,
    );
  });
});
