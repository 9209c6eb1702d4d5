/**
 * The messages Flinks Connect posts to its parent window, as a union the page can trust only after parsing.
 *
 * Connect sends objects, or the same objects as JSON strings when opened with `stringify=true`. Every event
 * carries a `step`, except error events, which carry a `flinksCode` instead. REDIRECT has had two shapes:
 * `{step, loginId, requestId, institution}` and `{step, institution, url: "<redirectUrl>?loginId=…"}`.
 */
import { z } from 'zod';

export const CONNECT_STEPS = [
  'APP_MOUNTED',
  'APP_ONLINE',
  'APP_OFFLINE',
  'COMPONENT_LOAD_INSTITUTION_SELECTOR',
  'INSTITUTION_SELECTED',
  'COMPONENT_LOAD_CONSENT',
  'COMPONENT_ACCEPT_CONSENT',
  'COMPONENT_DENY_CONSENT',
  'COMPONENT_ACCEPT_TERMS',
  'COMPONENT_DENY_TERMS',
  'COMPONENT_CLICK_TERMS_URL',
  'COMPONENT_CLICK_RESET_PASSWORD',
  'COMPONENT_HELP2FA_INFO',
  'COMPONENT_HELP2FA_TROUBLESHOOTING',
  'COMPONENT_LOAD_CREDENTIAL',
  'COMPONENT_LOAD_CREDENTIAL_RETRY',
  'SUBMIT_CREDENTIAL',
  'COMPONENT_LOAD_MFA',
  'COMPONENT_LOAD_MFA_RETRY',
  'SUBMIT_MFA',
  'COMPONENT_LOAD_ACCOUNT_SELECTION',
  'ACCOUNT_SELECTED',
  'COMPONENT_CLOSE_SESSION',
  'MAXIMUM_RETRY_REACHED',
  'DISABLED_INSTITUTION',
] as const;

const Guid = z.guid();
const Text = z.string().max(2_000);

/** Any step but REDIRECT: extra fields (institution, mfaTypes, totalAccounts…) are informative only. */
export const ConnectStepEvent = z.object({
  step: z.enum(CONNECT_STEPS),
  institution: Text.nullish(),
  requestId: Text.nullish(),
});
export type ConnectStepEvent = z.infer<typeof ConnectStepEvent>;

export const ConnectRedirectEvent = z
  .object({
    step: z.literal('REDIRECT'),
    loginId: Guid.optional(),
    requestId: Text.nullish(),
    institution: Text.nullish(),
    accountId: Text.nullish(),
    url: Text.optional(),
  })
  .transform((event, ctx) => {
    const loginId = event.loginId ?? loginIdFromUrl(event.url);
    if (!loginId) {
      ctx.addIssue({ code: 'custom', message: 'REDIRECT carries no valid loginId' });
      return z.NEVER;
    }
    return { step: event.step, loginId, institution: event.institution ?? null };
  });
export type ConnectRedirectEvent = z.output<typeof ConnectRedirectEvent>;

export const ConnectErrorEvent = z.object({
  flinksCode: z.string().min(1).max(100),
  requestId: Text.nullish(),
  institution: Text.nullish(),
});
export type ConnectErrorEvent = z.infer<typeof ConnectErrorEvent>;

export type ConnectEvent =
  | ({ type: 'step' } & ConnectStepEvent)
  | ({ type: 'redirect' } & ConnectRedirectEvent)
  | ({ type: 'error' } & ConnectErrorEvent);

/** Reads `loginId` from a redirect URL's query, accepting it only when it is a GUID. */
export function loginIdFromUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  let loginId: string | null;
  try {
    loginId = new URL(url, 'http://invalid.example').searchParams.get('loginId');
  } catch {
    return undefined;
  }
  return loginId && Guid.safeParse(loginId).success ? loginId : undefined;
}

const MAX_MESSAGE_CHARS = 20_000;

/**
 * Parses one `message` event's data into a Connect event, or returns null for anything else (other
 * frames, browser extensions, malformed or oversized data). Never throws.
 */
export function parseConnectMessage(data: unknown): ConnectEvent | null {
  let value = data;
  if (typeof value === 'string') {
    if (value.length > MAX_MESSAGE_CHARS) return null;
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const step = (value as { step?: unknown }).step;
  if (step === 'REDIRECT') {
    const parsed = ConnectRedirectEvent.safeParse(value);
    return parsed.success ? { type: 'redirect', ...parsed.data } : null;
  }
  if (step !== undefined) {
    const parsed = ConnectStepEvent.safeParse(value);
    return parsed.success ? { type: 'step', ...parsed.data } : null;
  }
  const parsed = ConnectErrorEvent.safeParse(value);
  return parsed.success ? { type: 'error', ...parsed.data } : null;
}
