/**
 * Every error code Passbook speaks, written once. The server may only answer with an `ApiErrorCode` (its
 * `AppError` is typed by it) and may only fail a job with a `JobErrorCode` of its own or a FlinksCode it
 * passes through; the web app keys its messages on these lists, with a `Record` over each, so a code added
 * here without a message for people does not compile.
 */
import { z } from 'zod';

/** The codes of `{error: {code, message}}` answers of Passbook's own API. */
export const API_ERROR_CODES = [
  // The request itself.
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'INVALID_CURSOR',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'URI_TOO_LONG',
  'REQUEST_TIMEOUT',
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'NOT_FOUND',
  'RATE_LIMITED',
  // Who is asking.
  'UNAUTHORIZED',
  'FORBIDDEN',
  'FORBIDDEN_ORIGIN',
  'SIGN_IN_REQUIRED',
  'NO_SESSION',
  'PASSKEY_EXISTS',
  'PASSKEY_NOT_VERIFIED',
  'PASSKEY_UNKNOWN',
  'LAST_PASSKEY',
  'LAST_WAY_IN',
  'OIDC_STATE_MISMATCH',
  'OIDC_EXPIRED',
  'OIDC_PROVIDER_ERROR',
  'OIDC_FAILED',
  'OIDC_UNAVAILABLE',
  'OIDC_IDENTITY_IN_USE',
  // Links, jobs and Flinks.
  'JOB_NOT_WAITING',
  'LOGIN_BUSY',
  'LOGIN_UNAVAILABLE',
  'LINK_BEING_DELETED',
  'CARD_IN_USE',
  'UPSTREAM_FAILED',
  'BUSY',
  'PUSH_UNAVAILABLE',
  // Webhooks from Flinks.
  'INVALID_SIGNATURE',
  'INVALID_WEBHOOK',
  // Passbook itself.
  'INTERNAL',
  'UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'STORAGE_FULL',
] as const;
export const ApiErrorCode = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

/**
 * The codes a job fails with that are Passbook's own; a job's error is otherwise the FlinksCode Flinks
 * answered, passed through as it came (new FlinksCodes appear without notice, so that part stays open).
 */
export const JOB_ERROR_CODES = [
  /** Flinks' data never arrived within the polling window. */
  'TIMEOUT',
  /** Flinks answered something that is not the documented shape. */
  'MALFORMED_RESPONSE',
  /** Passbook failed on its side. */
  'INTERNAL',
  /** The job's deadline came while the database had no room to store what the bank sent. */
  'STORAGE_FULL',
  /** The bank's security question was not answered in time. */
  'MFA_EXPIRED',
  /** The link was removed while its job ran. */
  'LINK_REMOVED',
  /** Flinks no longer knows the LoginId (its INVALID_LOGIN on a call made with a LoginId). */
  'LOGIN_UNKNOWN',
  /** The stored balance disagrees with the balance the transactions imply. */
  'BALANCE_MISMATCH',
  /** The bank asks its security questions: the person must answer them. */
  'MFA_REQUIRED',
  /** The bank login was linked already: the job ended on that link, nothing was stored twice. */
  'ALREADY_LINKED',
] as const;
export const JobErrorCode = z.enum(JOB_ERROR_CODES);
export type JobErrorCode = z.infer<typeof JobErrorCode>;

/** The FlinksCodes Passbook explains to a person (FLINKS.md's error table); others get a generic message. */
export const KNOWN_FLINKS_CODES = [
  'DISABLED_LOGIN',
  'RETRY_LATER',
  'INVALID_LOGIN',
  'INVALID_USERNAME',
  'INVALID_PASSWORD',
  'ACCESS_DENIED',
  'INVALID_SECURITY_RESPONSE',
  'QUESTION_NOT_FOUND',
  'UNKNOWN_CHALLENGE_KEY',
  'SECURITYRESPONSES_INCOMPLETE',
  'NEW_ACCOUNT',
  'DISABLED_INSTITUTION',
  'AGGREGATION_ERROR',
  'SESSION_NONEXISTENT',
  'SESSION_EXPIRED',
  'TOO_MANY_REQUESTS',
  'MAXIMUM_RETRY_REACHED',
  'CARD_IN_USE',
  'CONCURRENT_SESSION',
  'ALREADY_AUTHORIZED',
  'UNAUTHORIZED',
] as const;
export type KnownFlinksCode = (typeof KNOWN_FLINKS_CODES)[number];
