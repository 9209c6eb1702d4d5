import { expect, test } from '@playwright/test';
import { expectAccessible } from '../../support/axe.ts';
import { linkBank, waitForAccounts } from '../../support/connect.ts';
import {
  addVirtualAuthenticator,
  createAccountWithPasskey,
  keepDataWithPasskey,
  passkeysOf,
  signInWithSyncedPasskey,
} from '../../support/passkeys.ts';
import { onAnotherDevice } from '../../support/session.ts';

test.describe('an account of one’s own with a passkey', () => {
  test('links anonymously, keeps the data with a passkey, signs out, and signs in again elsewhere', async ({
    page,
    browser,
  }) => {
    const authenticator = await addVirtualAuthenticator(page);
    await page.goto('/');
    await linkBank(page, 'greatday_nomfa');

    const invite = page.getByRole('region', { name: 'Keep your data with a passkey' });
    await expect(invite).toBeVisible();
    await expectAccessible(page, 'invitation to keep the data');
    await keepDataWithPasskey(page);
    await expect(page.getByText('Your account is ready.')).toBeVisible();
    expect(await passkeysOf(authenticator)).toHaveLength(1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Passbook' })).toBeVisible();
    await expectAccessible(page, 'sign-in');
    await page.goto('/');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
    ).toBeVisible();

    await onAnotherDevice(browser, async (elsewhere) => {
      await signInWithSyncedPasskey(authenticator, elsewhere);
      await expect(elsewhere.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
      await waitForAccounts(elsewhere);
    });
  });

  test('signs out everywhere else from a second session, and the first is refused', async ({
    page,
    browser,
  }) => {
    const authenticator = await createAccountWithPasskey(page);

    await onAnotherDevice(browser, async (second) => {
      await signInWithSyncedPasskey(authenticator, second);
      await second.getByRole('link', { name: 'Security' }).click();
      await expect(second.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
      const sessions = second.getByRole('region', { name: 'Where you are signed in' });
      await expect(sessions.getByRole('listitem')).toHaveCount(2);
      await expect(second.getByRole('region', { name: 'Recent activity' }).getByRole('row')).not.toHaveCount(
        1,
      );
      await expectAccessible(second, 'security');
      await sessions.getByRole('button', { name: 'Sign out everywhere else' }).click();
      await expect(second.getByText('1 other session was ended.')).toBeVisible();
      await expect(sessions.getByRole('listitem')).toHaveCount(1);
    });

    const refused = await page.request.get('/api/account/sessions');
    expect((await refused.json()).sessions).toEqual([]);
    await page.goto('/settings/security');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Passbook' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  });
});
