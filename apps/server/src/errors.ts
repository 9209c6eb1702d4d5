/**
 * Errors that leave the API: an HTTP status, a stable code the web app can switch on, and a sentence a person
 * can act on. Everything else that goes wrong becomes a 500 with no detail (see plugins/error-handler.ts).
 */
import type { ApiErrorCode } from '@passbook/contracts';

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function notFound(what: string): AppError {
  return new AppError(404, 'NOT_FOUND', `${what} was not found.`);
}

/**
 * DATA_DIR's database cannot be used as it is (missing, damaged, or at odds with its keys): the start stops
 * with one sentence naming the path and what to do, since going on would silently make a new, empty database.
 */
export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}
