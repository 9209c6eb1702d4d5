/** What went wrong with a passkey ceremony, as a sentence: cancelled, unsupported, unknown, or failed. */
import { isApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/en.ts';

export function passkeyProblem(error: unknown): MessageKey {
  if (isApiError(error)) return error.code === 'PASSKEY_UNKNOWN' ? 'auth.unknownPasskey' : 'auth.failed';
  const name = error instanceof Error ? error.name : '';
  // @simplewebauthn/browser passes the browser's DOMException names through.
  if (name === 'NotAllowedError' || name === 'AbortError') return 'auth.cancelled';
  if (name === 'NotSupportedError' || name === 'SecurityError') return 'auth.unsupported';
  return 'auth.failed';
}

export function deviceName(
  device: { browser: string | null; os: string | null },
  t: (key: MessageKey, params?: Record<string, string>) => string,
): string {
  if (device.browser && device.os) return t('device.on', { browser: device.browser, os: device.os });
  return device.browser ?? device.os ?? t('security.unknownBrowser');
}

const SIGN_IN_ERRORS = new Set([
  'OIDC_STATE_MISMATCH',
  'OIDC_EXPIRED',
  'OIDC_PROVIDER_ERROR',
  'OIDC_FAILED',
  'OIDC_IDENTITY_IN_USE',
]);

/** The sentence for the code the server's single sign-on callback sent the browser back with. */
export function signInErrorMessage(code: string): MessageKey {
  return SIGN_IN_ERRORS.has(code) ? (`auth.signInError.${code}` as MessageKey) : 'auth.signInError.other';
}
