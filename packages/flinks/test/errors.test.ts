import { describe, expect, it } from 'vitest';
import { FlinksError, FlinksTimeoutError, isRetryable } from '../src/errors.ts';

describe('isRetryable', () => {
  it('marks transient Flinks codes and client-side transport failures retryable', () => {
    for (const code of [
      'RETRY_LATER',
      'TOO_MANY_REQUESTS',
      'AGGREGATION_ERROR',
      'NETWORK_ERROR',
      'REQUEST_TIMEOUT',
    ]) {
      expect(isRetryable(code, undefined), code).toBe(true);
    }
  });

  it('marks codes that need a person or a new session terminal', () => {
    const terminal = [
      'INVALID_LOGIN',
      'DISABLED_LOGIN',
      'INVALID_SECURITY_RESPONSE',
      'SESSION_NONEXISTENT',
      'UNAUTHORIZED',
    ];
    for (const code of terminal) expect(isRetryable(code, 401), code).toBe(false);
    expect(isRetryable('MALFORMED_RESPONSE', 200)).toBe(false);
    expect(isRetryable('POLL_TIMEOUT', undefined)).toBe(false);
  });

  it('treats a 5xx as retryable unless its code is known to be terminal', () => {
    expect(isRetryable('HTTP_ERROR', 502)).toBe(true);
    expect(isRetryable('SOMETHING_NEW', 503)).toBe(true);
    expect(isRetryable('SESSION_NONEXISTENT', 500)).toBe(false);
    expect(isRetryable('HTTP_ERROR', 404)).toBe(false);
    expect(isRetryable('SOMETHING_NEW', 400)).toBe(false);
  });
});

describe('FlinksError', () => {
  it('keeps an unknown code and derives retryable from it', () => {
    const error = new FlinksError({
      flinksCode: 'BRAND_NEW_CODE',
      message: 'm',
      endpoint: 'Authorize',
      status: 401,
    });
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.flinksCode, error.status, error.retryable]).toEqual([
      'FlinksError',
      'BRAND_NEW_CODE',
      401,
      false,
    ]);
  });

  it('FlinksTimeoutError is a FlinksError with code POLL_TIMEOUT', () => {
    const error = new FlinksTimeoutError({
      endpoint: 'GetAccountsDetailAsync',
      requestId: 'r',
      elapsedMs: 1_800_000,
      pendingAnswers: 180,
    });
    expect(error).toBeInstanceOf(FlinksError);
    expect([error.flinksCode, error.retryable, error.pendingAnswers]).toEqual(['POLL_TIMEOUT', false, 180]);
    expect(error.message).toContain('1800 s');
  });
});
