import { API_ERROR_CODES, JOB_ERROR_CODES } from '@passbook/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError, CLIENT_ERROR_CODES } from '../../src/api/client.ts';
import {
  API_CODES,
  describeApiFailure,
  describeFlinksCode,
  FLINKS_CODES,
} from '../../src/errors/describe.ts';
import { en } from '../../src/i18n/en.ts';
import { fr } from '../../src/i18n/fr.ts';

const TERMINAL_CODES = [
  'DISABLED_LOGIN',
  'RETRY_LATER',
  'INVALID_LOGIN',
  'NEW_ACCOUNT',
  'DISABLED_INSTITUTION',
  'AGGREGATION_ERROR',
  'TIMEOUT',
  'MFA_EXPIRED',
  'SESSION_NONEXISTENT',
  'INVALID_SECURITY_RESPONSE',
  'TOO_MANY_REQUESTS',
  'MAXIMUM_RETRY_REACHED',
  'UNAUTHORIZED',
];

describe('describeFlinksCode', () => {
  it('gives every terminal FlinksCode its own message, in both languages', () => {
    for (const code of TERMINAL_CODES) {
      const problem = describeFlinksCode(code);
      expect(problem.title, code).not.toBe('error.UNKNOWN_FLINKS.title');
      expect(en[problem.title], code).toBeTruthy();
      expect(fr[problem.body], code).toBeTruthy();
      expect(problem.code).toBe(code);
    }
  });

  it('names the bank in messages about what the bank did', () => {
    for (const code of ['DISABLED_LOGIN', 'RETRY_LATER', 'NEW_ACCOUNT', 'TIMEOUT', 'AGGREGATION_ERROR']) {
      const problem = describeFlinksCode(code);
      expect(`${en[problem.title]} ${en[problem.body]}`, code).toContain('{bank}');
      expect(`${fr[problem.title]} ${fr[problem.body]}`, code).toContain('{bank}');
    }
  });

  it('sends the person back through Connect when the bank needs new credentials or action first', () => {
    expect(describeFlinksCode('DISABLED_LOGIN').action).toBe('reconnect');
    expect(describeFlinksCode('INVALID_PASSWORD').action).toBe('reconnect');
    expect(describeFlinksCode('NEW_ACCOUNT').action).toBe('reconnect');
    expect(describeFlinksCode('RETRY_LATER').action).toBe('retry');
    expect(describeFlinksCode('DISABLED_INSTITUTION').action).toBe('none');
  });

  it('maps every code it knows, Passbook’s own job codes included, to messages that exist', () => {
    for (const code of JOB_ERROR_CODES) expect(Object.hasOwn(FLINKS_CODES, code), code).toBe(true);
    for (const code of Object.keys(FLINKS_CODES)) {
      const problem = describeFlinksCode(code);
      expect(en[problem.title] && en[problem.body], code).toBeTruthy();
    }
  });

  it('gives an unknown code an honest generic message that keeps the raw code', () => {
    const problem = describeFlinksCode('SOMETHING_NEW_2027');
    expect(problem.title).toBe('error.UNKNOWN_FLINKS.title');
    expect(problem.code).toBe('SOMETHING_NEW_2027');
    expect(problem.action).toBe('retry');
  });

  it('is not fooled by codes named like Object’s own properties', () => {
    expect(describeFlinksCode('constructor').title).toBe('error.UNKNOWN_FLINKS.title');
    expect(describeFlinksCode('__proto__').title).toBe('error.UNKNOWN_FLINKS.title');
  });
});

describe('describeApiFailure', () => {
  it('tells a network failure from a server failure', () => {
    expect(describeApiFailure(new ApiError(CLIENT_ERROR_CODES.network, 'x', 0)).title).toBe(
      'error.NETWORK.title',
    );
    expect(describeApiFailure(new ApiError('INTERNAL', 'x', 500)).title).toBe('error.SERVER.title');
    expect(describeApiFailure(new ApiError('BAD_GATEWAY', 'x', 502)).action).toBe('retry');
  });

  it('asks to wait on 429, saying how long when the server did', () => {
    const problem = describeApiFailure(new ApiError('RATE_LIMITED', 'x', 429, 30));
    expect(problem.title).toBe('error.RATE_LIMITED.title');
    expect(problem.retryAfter).toBe(30);
  });

  it('treats a malformed answer as our failure, and a 404 as gone', () => {
    expect(describeApiFailure(new ApiError(CLIENT_ERROR_CODES.badResponse, 'x', 200)).title).toBe(
      'error.SERVER.title',
    );
    expect(describeApiFailure(new ApiError('NOT_FOUND', 'x', 404))).toMatchObject({
      title: 'error.NOT_FOUND.title',
      action: 'none',
    });
  });

  it('explains a FlinksCode the server passes through', () => {
    expect(describeApiFailure(new ApiError('CARD_IN_USE', 'x', 409)).title).toBe('error.CARD_IN_USE.title');
  });

  it('gives every code of the API a message that exists in both languages', () => {
    expect(Object.keys(API_CODES).sort()).toEqual([...API_ERROR_CODES].sort());
    for (const code of API_ERROR_CODES) {
      const problem = describeApiFailure(new ApiError(code, 'x', code === 'NOT_FOUND' ? 404 : 409));
      expect(problem.code).toBe(code);
      expect(en[problem.title] && en[problem.body], code).toBeTruthy();
      expect(fr[problem.title] && fr[problem.body], code).toBeTruthy();
    }
  });

  it('says what the refusals a person can meet mean, not just that the request failed', () => {
    expect(describeApiFailure(new ApiError('LAST_PASSKEY', 'x', 409)).title).toBe('error.LAST_PASSKEY.title');
    expect(describeApiFailure(new ApiError('SIGN_IN_REQUIRED', 'x', 401)).title).toBe(
      'error.SIGNED_OUT.title',
    );
    expect(describeApiFailure(new ApiError('LOGIN_UNAVAILABLE', 'x', 409)).action).toBe('reconnect');
    expect(describeApiFailure(new ApiError('STORAGE_FULL', 'x', 503, 10))).toMatchObject({
      title: 'error.STORAGE_FULL.title',
      retryAfter: 10,
    });
  });

  it('has a message for anything else, even a thrown non-error', () => {
    expect(describeApiFailure(new ApiError('VALIDATION', 'x', 400)).title).toBe('error.REQUEST.title');
    expect(describeApiFailure('boom').title).toBe('error.SERVER.title');
  });
});
