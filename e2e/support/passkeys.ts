/**
 * Chromium's virtual WebAuthn authenticator (the DevTools protocol's WebAuthn domain): a platform
 * authenticator with resident keys and user verification, answering without a touch. Its credentials can be
 * copied into another context's authenticator, as a synced passkey appears on a second device.
 */
import type { CDPSession, Page } from '@playwright/test';

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
