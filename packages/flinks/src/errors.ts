/**
 * Errors are values with codes: every failure of a client call is a `FlinksError` carrying Flinks' own
 * FlinksCode when Flinks gave one, or one of the client's codes when the failure happened on our side of the
 * wire. `retryable` answers one question: may the same call succeed later, unchanged, without a person acting?
 */

/** Codes the client produces itself, for failures Flinks did not describe. */
export const CLIENT_ERROR_CODES = {
  /** The request never got an answer: connection refused, reset, DNS failure, body cut short. */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** One HTTP request took longer than `requestTimeoutMs`. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** The overall polling cap (`pollTimeoutMs`) was reached before Flinks answered 200. */
  POLL_TIMEOUT: 'POLL_TIMEOUT',
  /** A 2xx body that is not JSON, or does not match the expected schema. */
  MALFORMED_RESPONSE: 'MALFORMED_RESPONSE',
  /** A non-2xx answer without a FlinksCode (e.g. a proxy's 502 page). */
  HTTP_ERROR: 'HTTP_ERROR',
  /** The caller passed arguments the client refused to send. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
} as const;

/** FlinksCodes after which the same call may succeed later without anyone changing anything. */
const RETRYABLE_FLINKS_CODES: ReadonlySet<string> = new Set([
  'RETRY_LATER',
  'TOO_MANY_REQUESTS',
  'AGGREGATION_ERROR',
  'CARD_IN_USE',
  'CONCURRENT_SESSION',
  'BANK_MAINTENANCE_RETRY_LATER',
  CLIENT_ERROR_CODES.NETWORK_ERROR,
  CLIENT_ERROR_CODES.REQUEST_TIMEOUT,
]);

/** Codes that stay terminal even when Flinks sends them with a 5xx status. */
const KNOWN_TERMINAL_CODES: ReadonlySet<string> = new Set([
  'SESSION_NONEXISTENT',
  'SESSION_EXPIRED',
  'UNAUTHORIZED',
  'ACCESS_DENIED',
  'INVALID_LOGIN',
  'INVALID_REQUEST',
  'INVALID_USERNAME',
  'INVALID_PASSWORD',
  'INVALID_SECURITY_RESPONSE',
  'QUESTION_NOT_FOUND',
  'UNKNOWN_CHALLENGE_KEY',
  'NEW_ACCOUNT',
  'DISABLED_LOGIN',
  'DISABLED_INSTITUTION',
  CLIENT_ERROR_CODES.MALFORMED_RESPONSE,
  CLIENT_ERROR_CODES.INVALID_ARGUMENT,
]);

/** Whether a failure with this code (and HTTP status, when there was one) is worth trying again later. */
export function isRetryable(flinksCode: string, status: number | undefined): boolean {
  if (RETRYABLE_FLINKS_CODES.has(flinksCode)) return true;
  if (flinksCode === CLIENT_ERROR_CODES.HTTP_ERROR && status !== undefined) {
    return status >= 500 || status === 408 || status === 429;
  }
  // An unknown code on a 5xx is still a server-side failure; a known terminal code is terminal whatever the status.
  return status !== undefined && status >= 500 && !KNOWN_TERMINAL_CODES.has(flinksCode);
}

/** Where a response failed its schema: the path into the body and zod's description, never the value. */
export interface SchemaIssue {
  path: (string | number)[];
  message: string;
}

export interface FlinksErrorInit {
  flinksCode: string;
  message: string;
  /** The endpoint's name (`GetAccountsDetailAsync`), never its path: paths can hold a LoginId. */
  endpoint: string;
  status?: number | undefined;
  requestId?: string | undefined;
  retryable?: boolean | undefined;
  issues?: SchemaIssue[] | undefined;
  cause?: unknown;
}

export class FlinksError extends Error {
  override readonly name: string = 'FlinksError';
  readonly flinksCode: string;
  /** HTTP status of Flinks' answer; undefined when there was no answer (network error, timeout). */
  readonly status: number | undefined;
  readonly endpoint: string;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  /** For MALFORMED_RESPONSE: what in the body did not match. */
  readonly issues: SchemaIssue[] | undefined;

  constructor(init: FlinksErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.flinksCode = init.flinksCode;
    this.status = init.status;
    this.endpoint = init.endpoint;
    this.requestId = init.requestId;
    this.retryable = init.retryable ?? isRetryable(init.flinksCode, init.status);
    this.issues = init.issues;
  }
}

/**
 * Polling reached `pollTimeoutMs` without a 200. Flinks' guidance is to treat this as a failure; the session
 * has most likely expired by then, so the next attempt starts with a fresh authorisation (not retryable).
 */
export class FlinksTimeoutError extends FlinksError {
  override readonly name: string = 'FlinksTimeoutError';
  readonly elapsedMs: number;
  /** Pending (202) answers received before giving up. */
  readonly pendingAnswers: number;

  constructor(init: {
    endpoint: string;
    requestId: string;
    elapsedMs: number;
    pendingAnswers: number;
    cause?: unknown;
  }) {
    super({
      flinksCode: CLIENT_ERROR_CODES.POLL_TIMEOUT,
      message: `Flinks ${init.endpoint} was still not ready after ${Math.round(init.elapsedMs / 1000)} s of polling`,
      endpoint: init.endpoint,
      requestId: init.requestId,
      retryable: false,
      cause: init.cause,
    });
    this.elapsedMs = init.elapsedMs;
    this.pendingAnswers = init.pendingAnswers;
  }
}

export function isFlinksError(value: unknown): value is FlinksError {
  return value instanceof FlinksError;
}
