/**
 * A link's health in the terms the person acts on: does it need them, when is it synced next, and what is
 * wrong. Read from the link's last outcome (its status and error), the nightly refresh's last word and the
 * balance check of its accounts.
 */
import { type LinkHealth, NEEDS_PERSON_CODES } from '@passbook/contracts';
import type { AccountRow } from '../accounts/repository.ts';
import type { LinkRow } from '../links/repository.ts';

export function linkHealth(link: LinkRow, accounts: readonly AccountRow[] = []): LinkHealth {
  const nextSyncAt = link.next_sync_at?.toISOString() ?? null;
  if (link.status === 'needs_attention') {
    return { needsYou: true, nextSyncAt, problem: { code: 'MFA_REQUIRED', source: 'retrieval' } };
  }
  if (link.status === 'error' && link.last_error_code !== null) {
    const code = link.last_error_code;
    return {
      needsYou: NEEDS_PERSON_CODES.includes(code),
      nextSyncAt,
      problem: { code, source: 'retrieval' },
    };
  }
  if (link.nightly_refresh_error !== null) {
    const code = link.nightly_refresh_error;
    return {
      needsYou: NEEDS_PERSON_CODES.includes(code),
      nextSyncAt,
      problem: { code, source: 'nightly_refresh' },
    };
  }
  if (accounts.some((account) => account.balance_gap)) {
    // Ours to resolve: the next retrieval may bring what is missing.
    return { needsYou: false, nextSyncAt, problem: { code: 'BALANCE_MISMATCH', source: 'balance_check' } };
  }
  return { needsYou: false, nextSyncAt, problem: null };
}
