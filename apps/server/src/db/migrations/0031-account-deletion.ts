import type { Migration } from '../migrate.ts';

/**
 * An account deletion is asked once and finished by as many attempts as it takes (DeleteCard may fail for one
 * link and not the others); what there was to remove is counted at the first attempt, to be named at the end.
 */
export const accountDeletion: Migration = {
  id: '0031-account-deletion',
  statements: [
    'ALTER TABLE users ADD COLUMN deletion_requested_at timestamptz',
    'ALTER TABLE users ADD COLUMN deletion_summary jsonb',
  ],
};
