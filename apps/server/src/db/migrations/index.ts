import type { Migration } from '../migrate.ts';
import { initial } from './0001-initial.ts';
import { viewNotifications } from './0002-view-notifications.ts';
import { claimIndexes } from './0003-claim-indexes.ts';
import { sealedWebhookPayloads } from './0010-sealed-webhook-payloads.ts';
import { forgetHolderNames } from './0011-forget-holder-names.ts';
import { accountKind } from './0020-account-kind.ts';
import { accountsAndSessions } from './0030-accounts-and-sessions.ts';
import { accountDeletion } from './0031-account-deletion.ts';
import { consents } from './0032-consents.ts';
import { jobDefinitions } from './0040-job-definitions.ts';
import { syncSchedule } from './0041-sync-schedule.ts';
import { linkHealth } from './0042-link-health.ts';
import { balanceCheck } from './0043-balance-check.ts';
import { searchFold } from './0050-search-fold.ts';
import { linkNames } from './0051-link-names.ts';
import { jobRunners } from './0060-job-runners.ts';
import { categories } from './0070-categories.ts';
import { recurringDecisions } from './0071-recurring-decisions.ts';
import { oidcIdentities } from './0080-oidc-identities.ts';
import { bankLoginKey } from './0084-bank-login-key.ts';
import { pushNotifications } from './0085-push-notifications.ts';
import { statements } from './0088-statements.ts';
import { jobStoring } from './0096-job-storing.ts';
import { balanceSnapshots } from './0098-balance-snapshots.ts';
import { foreignKeyIndexes } from './0099-foreign-key-indexes.ts';
import { sessionNotifications } from './0100-session-notifications.ts';
import { unpairedTransfers } from './0101-unpaired-transfers.ts';
import { linksByLogin } from './0102-links-by-login.ts';
import { unusedJobRequestIndex } from './0103-unused-job-request-index.ts';
import { statementsAsBytes } from './0104-statements-as-bytes.ts';

/** Every migration, in the order applied. Append only: an applied migration is never edited. */
export const migrations: readonly Migration[] = [
  initial,
  viewNotifications,
  claimIndexes,
  sealedWebhookPayloads,
  forgetHolderNames,
  accountKind,
  accountsAndSessions,
  accountDeletion,
  consents,
  jobDefinitions,
  syncSchedule,
  linkHealth,
  balanceCheck,
  searchFold,
  linkNames,
  jobRunners,
  categories,
  recurringDecisions,
  oidcIdentities,
  bankLoginKey,
  pushNotifications,
  statements,
  jobStoring,
  balanceSnapshots,
  foreignKeyIndexes,
  sessionNotifications,
  unpairedTransfers,
  linksByLogin,
  unusedJobRequestIndex,
  statementsAsBytes,
];
