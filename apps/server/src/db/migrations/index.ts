import type { Migration } from '../migrate.ts';
import { initial } from './0001-initial.ts';
import { viewNotifications } from './0002-view-notifications.ts';
import { claimIndexes } from './0003-claim-indexes.ts';
import { jobDefinitions } from './0040-job-definitions.ts';
import { syncSchedule } from './0041-sync-schedule.ts';
import { linkHealth } from './0042-link-health.ts';
import { balanceCheck } from './0043-balance-check.ts';

/** Every migration, in the order applied. Append only: an applied migration is never edited. */
export const migrations: readonly Migration[] = [
  initial,
  viewNotifications,
  claimIndexes,
  jobDefinitions,
  syncSchedule,
  linkHealth,
  balanceCheck,
];
