import type { Migration } from '../migrate.ts';

/**
 * Each link's next scheduled sync is a column, not a timer: a process finds the due ones through this index
 * and claims them with SKIP LOCKED. Links that existed before are given a time when a scheduler first starts.
 */
export const syncSchedule: Migration = {
  id: '0041-sync-schedule',
  statements: [
    'ALTER TABLE links ADD COLUMN next_sync_at timestamptz',
    'CREATE INDEX links_sync_due ON links (next_sync_at) WHERE next_sync_at IS NOT NULL AND NOT deleting',
    'CREATE INDEX links_sync_unscheduled ON links (id) WHERE next_sync_at IS NULL AND NOT deleting',
  ],
};
