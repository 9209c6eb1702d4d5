import type { Migration } from '../migrate.ts';
import { initial } from './0001-initial.ts';
import { viewNotifications } from './0002-view-notifications.ts';
import { claimIndexes } from './0003-claim-indexes.ts';
import { jobRunners } from './0060-job-runners.ts';

/** Every migration, in the order applied. Append only: an applied migration is never edited. */
export const migrations: readonly Migration[] = [initial, viewNotifications, claimIndexes, jobRunners];
