/**
 * Turns every failure the app can meet — a FlinksCode from Connect or from a job, or a failure of our own
 * API — into a message a person can act on: a title, a sentence saying what to do, and the action offered.
 */
import type { ApiErrorCode, JobErrorCode, KnownFlinksCode } from '@passbook/contracts';
import { CLIENT_ERROR_CODES, isApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/en.ts';

/** What the page offers next to the message. */
export type ProblemAction =
  /** Do the same thing again (refresh, reload a query, restart Connect). */
  | 'retry'
  /** Go through Connect again: the bank needs new credentials or a fix on its side first. */
  | 'reconnect'
  /** Nothing the person can do from here. */
  | 'none';

export interface Problem {
  title: MessageKey;
  body: MessageKey;
  action: ProblemAction;
  /** The raw code, shown as a reference so support can trace it. */
  code: string;
  /** Seconds to wait before retrying, when the server said so. */
  retryAfter: number | null;
}

type MessageBase =
  | 'DISABLED_LOGIN'
  | 'RETRY_LATER'
  | 'INVALID_LOGIN'
  | 'INVALID_SECURITY_RESPONSE'
  | 'NEW_ACCOUNT'
  | 'DISABLED_INSTITUTION'
  | 'AGGREGATION_ERROR'
  | 'TIMEOUT'
  | 'BALANCE_MISMATCH'
  | 'MFA_EXPIRED'
  | 'SESSION_NONEXISTENT'
  | 'TOO_MANY_REQUESTS'
  | 'MAXIMUM_RETRY_REACHED'
  | 'CARD_IN_USE'
  | 'UNAUTHORIZED'
  | 'LOGIN_UNKNOWN'
  | 'UNKNOWN_FLINKS'
  | 'NETWORK'
  | 'RATE_LIMITED'
  | 'SERVER'
  | 'NOT_FOUND'
  | 'REQUEST'
  | 'MALFORMED_RESPONSE'
  | 'MFA_REQUIRED'
  | 'SIGNED_OUT'
  | 'PASSKEY'
  | 'LAST_PASSKEY'
  | 'LAST_WAY_IN'
  | 'SINGLE_SIGN_ON'
  | 'PUSH_UNAVAILABLE'
  | 'ALREADY_LINKED'
  | 'JOB_NOT_WAITING'
  | 'LOGIN_UNAVAILABLE'
  | 'LINK_BEING_DELETED'
  | 'STORAGE_FULL';

/**
 * What a job's failure code means to a person: the FlinksCodes Passbook knows and its own job codes (contracts'
 * errors.ts). Being a Record over both lists, a code added there without a message here does not compile.
 */
export const FLINKS_CODES: Record<KnownFlinksCode | JobErrorCode, [MessageBase, ProblemAction]> = {
  DISABLED_LOGIN: ['DISABLED_LOGIN', 'reconnect'],
  RETRY_LATER: ['RETRY_LATER', 'retry'],
  INVALID_LOGIN: ['INVALID_LOGIN', 'reconnect'],
  INVALID_USERNAME: ['INVALID_LOGIN', 'reconnect'],
  INVALID_PASSWORD: ['INVALID_LOGIN', 'reconnect'],
  ACCESS_DENIED: ['INVALID_LOGIN', 'reconnect'],
  INVALID_SECURITY_RESPONSE: ['INVALID_SECURITY_RESPONSE', 'retry'],
  QUESTION_NOT_FOUND: ['INVALID_SECURITY_RESPONSE', 'retry'],
  UNKNOWN_CHALLENGE_KEY: ['INVALID_SECURITY_RESPONSE', 'retry'],
  SECURITYRESPONSES_INCOMPLETE: ['INVALID_SECURITY_RESPONSE', 'retry'],
  NEW_ACCOUNT: ['NEW_ACCOUNT', 'reconnect'],
  DISABLED_INSTITUTION: ['DISABLED_INSTITUTION', 'none'],
  AGGREGATION_ERROR: ['AGGREGATION_ERROR', 'retry'],
  SESSION_NONEXISTENT: ['SESSION_NONEXISTENT', 'retry'],
  SESSION_EXPIRED: ['SESSION_NONEXISTENT', 'retry'],
  TOO_MANY_REQUESTS: ['TOO_MANY_REQUESTS', 'retry'],
  MAXIMUM_RETRY_REACHED: ['MAXIMUM_RETRY_REACHED', 'retry'],
  CARD_IN_USE: ['CARD_IN_USE', 'retry'],
  CONCURRENT_SESSION: ['CARD_IN_USE', 'retry'],
  ALREADY_AUTHORIZED: ['CARD_IN_USE', 'retry'],
  UNAUTHORIZED: ['UNAUTHORIZED', 'retry'],
  TIMEOUT: ['TIMEOUT', 'retry'],
  MALFORMED_RESPONSE: ['MALFORMED_RESPONSE', 'retry'],
  INTERNAL: ['SERVER', 'retry'],
  STORAGE_FULL: ['STORAGE_FULL', 'retry'],
  MFA_EXPIRED: ['MFA_EXPIRED', 'retry'],
  LINK_REMOVED: ['NOT_FOUND', 'none'],
  LOGIN_UNKNOWN: ['LOGIN_UNKNOWN', 'reconnect'],
  BALANCE_MISMATCH: ['BALANCE_MISMATCH', 'retry'],
  MFA_REQUIRED: ['MFA_REQUIRED', 'retry'],
  ALREADY_LINKED: ['ALREADY_LINKED', 'none'],
};

/** What each code of our API's `{error}` answers means to a person; a Record over contracts' ApiErrorCode. */
export const API_CODES: Record<ApiErrorCode, [MessageBase, ProblemAction]> = {
  BAD_REQUEST: ['REQUEST', 'retry'],
  VALIDATION_FAILED: ['REQUEST', 'retry'],
  INVALID_JSON: ['REQUEST', 'retry'],
  INVALID_CURSOR: ['REQUEST', 'retry'],
  UNSUPPORTED_MEDIA_TYPE: ['REQUEST', 'retry'],
  PAYLOAD_TOO_LARGE: ['REQUEST', 'retry'],
  HEADERS_TOO_LARGE: ['REQUEST', 'retry'],
  URI_TOO_LONG: ['REQUEST', 'retry'],
  METHOD_NOT_ALLOWED: ['REQUEST', 'retry'],
  NOT_ACCEPTABLE: ['REQUEST', 'retry'],
  FORBIDDEN: ['REQUEST', 'retry'],
  FORBIDDEN_ORIGIN: ['REQUEST', 'retry'],
  INVALID_SIGNATURE: ['REQUEST', 'retry'],
  INVALID_WEBHOOK: ['REQUEST', 'retry'],
  REQUEST_TIMEOUT: ['SERVER', 'retry'],
  NOT_FOUND: ['NOT_FOUND', 'none'],
  RATE_LIMITED: ['RATE_LIMITED', 'retry'],
  UNAUTHORIZED: ['SIGNED_OUT', 'retry'],
  SIGN_IN_REQUIRED: ['SIGNED_OUT', 'retry'],
  NO_SESSION: ['SIGNED_OUT', 'retry'],
  PASSKEY_EXISTS: ['PASSKEY', 'retry'],
  PASSKEY_NOT_VERIFIED: ['PASSKEY', 'retry'],
  PASSKEY_UNKNOWN: ['PASSKEY', 'retry'],
  LAST_PASSKEY: ['LAST_PASSKEY', 'none'],
  LAST_WAY_IN: ['LAST_WAY_IN', 'none'],
  OIDC_STATE_MISMATCH: ['SINGLE_SIGN_ON', 'retry'],
  OIDC_EXPIRED: ['SINGLE_SIGN_ON', 'retry'],
  OIDC_PROVIDER_ERROR: ['SINGLE_SIGN_ON', 'retry'],
  OIDC_FAILED: ['SINGLE_SIGN_ON', 'retry'],
  OIDC_UNAVAILABLE: ['SINGLE_SIGN_ON', 'retry'],
  OIDC_IDENTITY_IN_USE: ['SINGLE_SIGN_ON', 'none'],
  JOB_NOT_WAITING: ['JOB_NOT_WAITING', 'none'],
  LOGIN_BUSY: ['CARD_IN_USE', 'retry'],
  CARD_IN_USE: ['CARD_IN_USE', 'retry'],
  LOGIN_UNAVAILABLE: ['LOGIN_UNAVAILABLE', 'reconnect'],
  LINK_BEING_DELETED: ['LINK_BEING_DELETED', 'none'],
  UPSTREAM_FAILED: ['RETRY_LATER', 'retry'],
  BUSY: ['SERVER', 'retry'],
  PUSH_UNAVAILABLE: ['PUSH_UNAVAILABLE', 'none'],
  INTERNAL: ['SERVER', 'retry'],
  UNAVAILABLE: ['SERVER', 'retry'],
  DATABASE_UNAVAILABLE: ['SERVER', 'retry'],
  STORAGE_FULL: ['STORAGE_FULL', 'retry'],
};

function problem(
  base: MessageBase,
  action: ProblemAction,
  code: string,
  retryAfter: number | null = null,
): Problem {
  return {
    title: `error.${base}.title` as MessageKey,
    body: `error.${base}.body` as MessageKey,
    action,
    code,
    retryAfter,
  };
}

/** A FlinksCode reported by Connect or by a failed job; unknown codes get a generic, still honest message. */
export function describeFlinksCode(code: string): Problem {
  const known = Object.hasOwn(FLINKS_CODES, code)
    ? FLINKS_CODES[code as keyof typeof FLINKS_CODES]
    : undefined;
  return known ? problem(known[0], known[1], code) : problem('UNKNOWN_FLINKS', 'retry', code);
}

/** Any failure of a call to our API (or anything thrown while making one). */
export function describeApiFailure(error: unknown): Problem {
  if (!isApiError(error)) return problem('SERVER', 'retry', 'UNEXPECTED');
  if (error.status === 0 || error.code === CLIENT_ERROR_CODES.network) {
    return problem('NETWORK', 'retry', error.code);
  }
  if (error.status === 429) return problem('RATE_LIMITED', 'retry', error.code, error.retryAfter);
  if (Object.hasOwn(API_CODES, error.code)) {
    const [base, action] = API_CODES[error.code as ApiErrorCode];
    return problem(base, action, error.code, error.retryAfter);
  }
  if (error.status >= 500 || error.code === CLIENT_ERROR_CODES.badResponse) {
    return problem('SERVER', 'retry', error.code, error.retryAfter);
  }
  if (error.status === 404) return problem('NOT_FOUND', 'none', error.code);
  if (Object.hasOwn(FLINKS_CODES, error.code)) return describeFlinksCode(error.code);
  return problem('REQUEST', 'retry', error.code);
}
