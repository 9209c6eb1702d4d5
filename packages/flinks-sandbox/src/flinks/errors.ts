/** Flinks' error codes with the HTTP status each comes with (FLINKS.md §3), and the failure value handlers return. */

export const FLINKS_STATUS: Readonly<Record<string, number>> = {
  OPERATION_PENDING: 202,
  OPERATION_DISPATCHED: 202,
  SESSION_NONEXISTENT: 400,
  CARD_IN_USE: 400,
  UNAUTHORIZED: 401,
  ACCESS_DENIED: 401,
  INVALID_LOGIN: 401,
  INVALID_REQUEST: 401,
  INVALID_USERNAME: 401,
  INVALID_PASSWORD: 401,
  INVALID_SECURITY_RESPONSE: 401,
  QUESTION_NOT_FOUND: 401,
  UNKNOWN_CHALLENGE_KEY: 401,
  SECURITYRESPONSES_INCOMPLETE: 401,
  RETRY_LATER: 401,
  TOO_MANY_REQUESTS: 401,
  NEW_ACCOUNT: 401,
  DISABLED_LOGIN: 401,
  DISABLED_INSTITUTION: 405,
  AGGREGATION_ERROR: 500,
};

/** A Flinks error answer: `{HttpStatusCode, FlinksCode, Message}` with this status. Thrown by handlers. */
export class FlinksFailure extends Error {
  readonly status: number;

  constructor(
    readonly code: string,
    message: string,
    status?: number,
  ) {
    super(message);
    this.status = status ?? FLINKS_STATUS[code] ?? 500;
  }
}

export const failures = {
  badToken: () => new FlinksFailure('UNAUTHORIZED', 'You must provide a valid authorize token'),
  badSecret: () => new FlinksFailure('UNAUTHORIZED', 'The flinks-auth-key is not a valid secret key'),
  badApiKey: () => new FlinksFailure('UNAUTHORIZED', 'The x-api-key header is missing or invalid'),
  badBearer: () =>
    new FlinksFailure('UNAUTHORIZED', 'The Authorization header must be "Bearer" and the secret key'),
  badCustomer: (customerId: string) =>
    new FlinksFailure('UNAUTHORIZED', `The customer ${customerId} is not authorized on this instance`),
  noSession: (requestId: string) =>
    new FlinksFailure('SESSION_NONEXISTENT', `RequestId ${requestId} is invalid or session has ended`),
  notAuthorized: (requestId: string) =>
    new FlinksFailure(
      'UNAUTHORIZED',
      `RequestId ${requestId} is not authorized: answer its security challenges with /Authorize first`,
    ),
  /** GetMFAQuestions and GetNightlyRefreshStatus answer an unknown login this way (FlinksCapital, 2025). */
  invalidLoginRequest: (loginId: string) =>
    new FlinksFailure('INVALID_REQUEST', `The login '${loginId}' is invalid.`, 400),
  unknownLogin: () => new FlinksFailure('INVALID_LOGIN', 'The LoginId is invalid for this customer'),
  /** FlinksCapital names which of the two it refused. */
  invalidUsername: () => new FlinksFailure('INVALID_USERNAME', 'The username is invalid'),
  invalidPassword: () => new FlinksFailure('INVALID_PASSWORD', 'The password is invalid'),
  invalidRequest: (message: string) => new FlinksFailure('INVALID_REQUEST', message),
  /** A bad request that is not about credentials (the Enrich endpoints answer 400). */
  badRequest: (message: string) => new FlinksFailure('INVALID_REQUEST', message, 400),
  cardInUse: () =>
    new FlinksFailure('CARD_IN_USE', 'This login is being processed; retry when its operation has completed'),
};
