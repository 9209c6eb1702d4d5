/** A link's health says whether only the person can fix it, and what is wrong, from its status and sources. */
import { describe, expect, it } from 'vitest';
import type { LinkRow } from '../../src/links/repository.ts';
import { linkHealth } from '../../src/sync/health.ts';
import { nightlyFailureCode } from '../../src/sync/nightly-status.ts';

const NEXT = new Date('2026-12-02T09:14:00.000Z');

function row(changes: Partial<LinkRow>): LinkRow {
  return {
    id: crypto.randomUUID(),
    user_id: crypto.randomUUID(),
    login_id_hash: 'hash',
    login_id_encrypted: 'ciphertext',
    institution: 'Flinks Capital',
    status: 'active',
    last_refresh_at: new Date('2026-12-01T09:14:00.000Z'),
    last_error_code: null,
    last_error_message: null,
    deleting: false,
    next_sync_at: NEXT,
    nightly_refresh_error: null,
    username_masked: null,
    nickname: null,
    created_at: new Date('2026-11-01T09:14:00.000Z'),
    updated_at: new Date('2026-12-01T09:14:00.000Z'),
    ...changes,
  };
}

describe('link health', () => {
  it('is quiet for a current link and names its next sync', () => {
    expect(linkHealth(row({}))).toEqual({ needsYou: false, nextSyncAt: NEXT.toISOString(), problem: null });
  });

  it('needs the person for security questions and for credentials the bank refused', () => {
    expect(linkHealth(row({ status: 'needs_attention' }))).toMatchObject({
      needsYou: true,
      problem: { code: 'MFA_REQUIRED', source: 'retrieval' },
    });
    expect(linkHealth(row({ status: 'error', last_error_code: 'INVALID_PASSWORD' }))).toMatchObject({
      needsYou: true,
      problem: { code: 'INVALID_PASSWORD', source: 'retrieval' },
    });
  });

  it('no longer needs the person once their answer is in and the job retrieves, and again if it asks anew', () => {
    const waiting = row({ status: 'needs_attention' });
    // Answered: the link keeps its status until the job ends, but nothing is the person's to do meanwhile.
    for (const state of ['queued', 'authorizing', 'retrieving'] as const) {
      expect(linkHealth(waiting, [], state), state).toEqual({
        needsYou: false,
        nextSyncAt: NEXT.toISOString(),
        problem: null,
      });
    }
    expect(linkHealth(waiting, [], 'mfa_required')).toMatchObject({ needsYou: true });
    expect(linkHealth(waiting, [], null)).toMatchObject({ needsYou: true });
  });

  it('does not need the person for a failure the next sync retries on its own, and says when that is', () => {
    expect(linkHealth(row({ status: 'error', last_error_code: 'RETRY_LATER' }))).toEqual({
      needsYou: false,
      nextSyncAt: NEXT.toISOString(),
      problem: { code: 'RETRY_LATER', source: 'retrieval', retryAt: NEXT.toISOString() },
    });
    // With scheduling off nothing tries again on its own.
    expect(
      linkHealth(row({ status: 'error', last_error_code: 'AGGREGATION_ERROR', next_sync_at: null })).problem,
    ).toEqual({ code: 'AGGREGATION_ERROR', source: 'retrieval', retryAt: null });
  });

  it('promises no retry for what only the person can fix', () => {
    expect(
      linkHealth(row({ status: 'error', last_error_code: 'INVALID_PASSWORD' })).problem?.retryAt,
    ).toBeNull();
    expect(linkHealth(row({ status: 'needs_attention' })).problem?.retryAt).toBeNull();
    expect(linkHealth(row({ nightly_refresh_error: 'DISABLED_LOGIN' })).problem?.retryAt).toBeNull();
  });

  it('reports what the nightly refresh said when the last retrieval went well', () => {
    expect(linkHealth(row({ nightly_refresh_error: 'DISABLED_LOGIN' }))).toMatchObject({
      needsYou: true,
      problem: { code: 'DISABLED_LOGIN', source: 'nightly_refresh' },
    });
  });

  it('takes a nightly listing without an error code, stopped at a security question, as needing the person', () => {
    const code = nightlyFailureCode({
      LastRefreshState: 'AnsweringSecurityChallenge',
      LastRefreshErrorCode: null,
    });
    expect(code).toBe('MFA_REQUIRED');
    expect(linkHealth(row({ nightly_refresh_error: code }))).toMatchObject({
      needsYou: true,
      problem: { code: 'MFA_REQUIRED', source: 'nightly_refresh', retryAt: null },
    });
    expect(nightlyFailureCode({ LastRefreshState: 'Failed', LastRefreshErrorCode: 'RETRY_LATER' })).toBe(
      'RETRY_LATER',
    );
    expect(nightlyFailureCode({ LastRefreshState: 'Failed' })).toBe('UNKNOWN');
  });
});
