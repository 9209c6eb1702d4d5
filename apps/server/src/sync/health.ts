/**
 * A link's health in the terms the person acts on: does it need them, when is it synced next, and what is
 * wrong. Read from the link's last outcome (its status and error) and from the nightly refresh's last word.
 */
import { type LinkHealth, NEEDS_PERSON_CODES } from '@passbook/contracts';
import type { LinkRow } from '../links/repository.ts';

export function linkHealth(link: LinkRow): LinkHealth {
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
  return { needsYou: false, nextSyncAt, problem: null };
}
