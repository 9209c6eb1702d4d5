/**
 * A link's health in the terms the person acts on: does it need them, when is it synced next, and what is
 * wrong. Read from the link's last outcome (its status and error), the nightly refresh's last word and the
 * balance check of its accounts.
 */
import { type JobState, type LinkHealth, NEEDS_PERSON_CODES } from '@passbook/contracts';
import type { AccountRow } from '../accounts/repository.ts';
import type { LinkRow } from '../links/repository.ts';

type Problem = NonNullable<LinkHealth['problem']>;

/**
 * `activeJob`: the state of the link's job under way, if any. A link stopped at a security question keeps that
 * status until a job of it ends; once the person's answer is in and the job goes on, nothing is theirs to do.
 */
export function linkHealth(
  link: LinkRow,
  accounts: readonly AccountRow[] = [],
  activeJob: JobState | null = null,
): LinkHealth {
  const nextSyncAt = link.next_sync_at?.toISOString() ?? null;
  /** What the next scheduled sync will try again, unless only the person can fix it. */
  const problem = (code: string, source: Problem['source']): LinkHealth => {
    const needsYou = code === 'MFA_REQUIRED' ? true : NEEDS_PERSON_CODES.includes(code);
    return { needsYou, nextSyncAt, problem: { code, source, retryAt: needsYou ? null : nextSyncAt } };
  };
  if (link.status === 'needs_attention') {
    const answered = activeJob !== null && activeJob !== 'mfa_required';
    return answered ? { needsYou: false, nextSyncAt, problem: null } : problem('MFA_REQUIRED', 'retrieval');
  }
  if (link.status === 'error' && link.last_error_code !== null) {
    return problem(link.last_error_code, 'retrieval');
  }
  if (link.nightly_refresh_error !== null) return problem(link.nightly_refresh_error, 'nightly_refresh');
  if (accounts.some((account) => account.balance_gap)) {
    // Ours to resolve: the next retrieval may bring what is missing.
    return problem('BALANCE_MISMATCH', 'balance_check');
  }
  return { needsYou: false, nextSyncAt, problem: null };
}
