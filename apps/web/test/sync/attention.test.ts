import type { Link } from '@passbook/contracts';
import { describe, expect, it } from 'vitest';
import { healthProblem, linksNeedingYou } from '../../src/sync/attention.ts';

function link(id: string, health: Link['health']): Link {
  return {
    id,
    institution: 'Flinks Capital',
    name: null,
    username: null,
    status: 'active',
    createdAt: '2026-03-01T12:00:00.000Z',
    lastRefreshAt: '2026-03-10T12:00:00.000Z',
    lastError: null,
    activeJob: null,
    health,
    accounts: [],
  };
}

describe('attention', () => {
  const healthy = link('a', { needsYou: false, nextSyncAt: '2026-03-11T12:00:00.000Z', problem: null });
  const refused = link('b', {
    needsYou: true,
    nextSyncAt: null,
    problem: { code: 'INVALID_PASSWORD', source: 'nightly_refresh', retryAt: null },
  });
  const retrying = link('c', {
    needsYou: false,
    nextSyncAt: '2026-03-11T12:00:00.000Z',
    problem: { code: 'RETRY_LATER', source: 'retrieval', retryAt: '2026-03-11T12:00:00.000Z' },
  });

  it('lists only the links only the person can fix', () => {
    expect(linksNeedingYou([healthy, refused, retrying]).map((one) => one.id)).toEqual(['b']);
  });

  it('turns what the nightly refresh or the balance check found into the message and action of that code', () => {
    expect(healthProblem(refused)).toMatchObject({ action: 'reconnect', code: 'INVALID_PASSWORD' });
    expect(healthProblem(retrying)).toBeNull();
    expect(healthProblem(healthy)).toBeNull();
    const gap = link('d', {
      needsYou: false,
      nextSyncAt: null,
      problem: { code: 'BALANCE_MISMATCH', source: 'balance_check', retryAt: null },
    });
    expect(healthProblem(gap)).toMatchObject({ action: 'retry', title: 'error.BALANCE_MISMATCH.title' });
  });
});
