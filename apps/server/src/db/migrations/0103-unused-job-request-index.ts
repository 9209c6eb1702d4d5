import type { Migration } from '../migrate.ts';

/**
 * The index of jobs by RequestId as Flinks sent it: every lookup goes by the lower-cased RequestId
 * (`jobs_request_key`), so this one was only written, on every job's claim, MFA hand-back and retry.
 */
export const unusedJobRequestIndex: Migration = {
  id: '0103-unused-job-request-index',
  statements: ['DROP INDEX jobs_request'],
};
