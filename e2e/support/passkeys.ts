/**
 * Chromium's virtual WebAuthn authenticator (the DevTools protocol's WebAuthn domain): a platform
 * authenticator with resident keys and user verification, answering without a touch. Its credentials can be
 * copied into another context's authenticator, as a synced passkey appears on a second device.
 */
import type { CDPSession, Page } from '@playwright/test';
import { expectSignedIn } from './session.ts';

export interface VirtualAuthenticator {
  cdp: CDPSession;
  authenticatorId: string;
}

type Credential = Awaited<ReturnType<CDPSession['send']>> & object;

export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

export async function passkeysOf(authenticator: VirtualAuthenticator) {
  const { credentials } = await authenticator.cdp.send('WebAuthn.getCredentials', {
    authenticatorId: authenticator.authenticatorId,
  });
  return credentials;
}

/** The same passkeys in another page's (another context's) authenticator. */
export async function copyPasskeys(from: VirtualAuthenticator, page: Page): Promise<VirtualAuthenticator> {
  const to = await addVirtualAuthenticator(page);
  for (const credential of await passkeysOf(from)) {
    await to.cdp.send('WebAuthn.addCredential', {
      authenticatorId: to.authenticatorId,
      credential: credential as Credential & typeof credential,
    });
  }
  return to;
}

/** From the sign-in page (at `path`, where the app sends a stranger): an account created with a new passkey. */
export async function createAccountWithPasskey(page: Page, path = '/sign-in'): Promise<VirtualAuthenticator> {
  const authenticator = await addVirtualAuthenticator(page);
  await page.goto(path);
  await page.getByRole('button', { name: 'Create an account with a passkey' }).click();
  await expectSignedIn(page);
  return authenticator;
}

/** After an anonymous visit linked a bank: the invitation's passkey makes it an account that keeps the data. */
export async function keepDataWithPasskey(page: Page): Promise<void> {
  await page
    .getByRole('region', { name: 'Keep your data with a passkey' })
    .getByRole('button', { name: 'Create my account' })
    .click();
  await expectSignedIn(page);
}

/** Signs in with a passkey from the sign-in page the page shows (its authenticator holds the passkey). */
export async function signInWithPasskey(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expectSignedIn(page);
}

/** Another device's page, its authenticator holding `from`'s passkeys (synced), signs in with one of them. */
export async function signInWithSyncedPasskey(from: VirtualAuthenticator, page: Page): Promise<void> {
  await copyPasskeys(from, page);
  await page.goto('/sign-in');
  await signInWithPasskey(page);
}
