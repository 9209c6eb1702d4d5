import type { Migration } from '../migrate.ts';

/**
 * The job runners alive on this database and how many jobs each may run at once: a runner claims its share of
 * the runnable work in proportion to its capacity, so instances share the work whatever its size. A row lives
 * one lease past the runner's last claim; a runner that stops deletes its own.
 */
export const jobRunners: Migration = {
  id: '0060-job-runners',
  statements: [
    `CREATE TABLE job_runners (
      owner text PRIMARY KEY,
      capacity integer NOT NULL CHECK (capacity > 0),
      expires_at timestamptz NOT NULL
    )`,
  ],
};
