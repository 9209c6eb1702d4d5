import type { Migration } from '../migrate.ts';

/**
 * Claiming looks at two small sets instead of every runnable job: jobs nobody holds (new, released, backed
 * off), and jobs whose holder's lease has expired. With thousands of jobs running under live leases, neither
 * index contains them, so a claim costs the same with ten jobs running or ten thousand.
 */
export const claimIndexes: Migration = {
  id: '0003-claim-indexes',
  statements: [
    'DROP INDEX jobs_claimable',
    `CREATE INDEX jobs_unleased ON jobs (run_after)
      WHERE lease_owner IS NULL AND state IN ('queued', 'authorizing', 'retrieving')`,
    'DROP INDEX jobs_lease_owner',
    'CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE lease_owner IS NOT NULL',
    'CREATE INDEX jobs_lease_owner ON jobs (lease_owner, id) WHERE lease_owner IS NOT NULL',
  ],
};
