import type { Migration } from '../migrate.ts';

/**
 * How many transactions a job's answer from the bank holds, written when the answer has come and its storing
 * begins: the page then says "saving N transactions" rather than still waiting for the bank.
 */
export const jobStoring: Migration = {
  id: '0096-job-storing',
  statements: ['ALTER TABLE jobs ADD COLUMN storing_transactions integer'],
};
