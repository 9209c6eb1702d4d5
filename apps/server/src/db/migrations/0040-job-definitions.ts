import type { Migration } from '../migrate.ts';

/**
 * Jobs carry the payload their kind's definition declares, and a third kind exists: the scheduled sync. The
 * kinds are written out here, as they were when this ran; a test checks they match the contracts' list.
 */
export const jobDefinitions: Migration = {
  id: '0040-job-definitions',
  statements: [
    `ALTER TABLE jobs ADD COLUMN payload jsonb NOT NULL DEFAULT '{}'::jsonb`,
    'ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check',
    `ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('link', 'refresh', 'sync'))`,
  ],
};
