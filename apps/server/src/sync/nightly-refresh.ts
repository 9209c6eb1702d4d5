/**
 * Flinks' nightly refresh keeps a login's cached data current, so a scheduled sync's cached Authorize brings
 * the bank's latest. A link is enrolled once its retrieval succeeded and Authorize said the login was not
 * enrolled yet (so a sync whose login is enrolled costs no extra call); removal takes it off again.
 */
import { isFlinksError } from '@passbook/flinks';
import type { ExecutorDeps, RetrievalOutcome } from '../jobs/execute.ts';
import type { JobContext } from '../jobs/runner.ts';

export async function enrolAfterRetrieval(
  deps: ExecutorDeps,
  context: JobContext,
  outcome: RetrievalOutcome,
): Promise<void> {
  if (deps.config.jobs.syncIntervalMs === 0) return;
  if (outcome.kind !== 'succeeded' || outcome.scheduledRefresh === true) return;
  const { job } = context;
  try {
    const loginId = deps.vault.decrypt(job.login_id_encrypted, job.link_id);
    await deps.flinks.setScheduledRefresh(loginId, true, { signal: context.signal });
  } catch (error) {
    // The data is stored; the next sync's Authorize will say the login is still not enrolled, and try again.
    deps.log.warn(
      { jobId: job.id, code: isFlinksError(error) ? error.flinksCode : undefined },
      'nightly refresh enrolment failed',
    );
  }
}
