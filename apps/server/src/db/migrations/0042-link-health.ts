import type { Migration } from '../migrate.ts';

/**
 * What a link's health is read from beyond its jobs: the reason Flinks' nightly refresh of its login last
 * failed (from the daily GetNightlyRefreshStatus), and when each deployment-wide task runs next, a row per
 * task that any process may claim when due.
 */
export const linkHealth: Migration = {
  id: '0042-link-health',
  statements: [
    'ALTER TABLE links ADD COLUMN nightly_refresh_error text',
    `CREATE TABLE scheduled_tasks (
      name text PRIMARY KEY,
      next_run_at timestamptz NOT NULL,
      last_success_at timestamptz
    )`,
  ],
};
