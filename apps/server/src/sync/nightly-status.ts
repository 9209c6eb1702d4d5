/**
 * Once a day per deployment (not per instance), GetNightlyRefreshStatus: the logins whose nightly refresh
 * failed, with the reason, which each link's health then shows. The day's run is a row in `scheduled_tasks`
 * that one process claims when due; a failed call is tried again a few minutes later.
 */
import { type FlinksClient, isFlinksError } from '@passbook/flinks';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { LoginIdVault } from '../crypto/login-id-vault.ts';
import type { Database } from '../db/database.ts';
import { recordNightlyRefresh } from '../links/status.ts';

const TASK = 'nightly-refresh-status';
const DAY_MS = 86_400_000;
const RETRY_MS = 10 * 60_000;

export interface NightlyStatusDeps {
  db: Database;
  flinks: FlinksClient;
  vault: LoginIdVault;
  clock: Clock;
  log: FastifyBaseLogger;
}

/**
 * Why a login is not refreshing: its error code, or, without one, what its state says. Flinks' own example
 * lists a login with no code whose refresh stopped at `AnsweringSecurityChallenge`: the bank wants the
 * person's security answers, which only Connect can give.
 */
export function nightlyFailureCode(card: {
  LastRefreshErrorCode?: string | null | undefined;
  LastRefreshState?: string | null | undefined;
}): string {
  if (card.LastRefreshErrorCode) return card.LastRefreshErrorCode;
  return card.LastRefreshState === 'AnsweringSecurityChallenge' ? 'MFA_REQUIRED' : 'UNKNOWN';
}

/** Runs the day's check if it is due and no other process took it; says whether this process ran it. */
export async function checkNightlyRefreshStatus(deps: NightlyStatusDeps): Promise<boolean> {
  const { db, flinks, vault, clock, log } = deps;
  const now = clock.now();
  await db.query(
    'INSERT INTO scheduled_tasks (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
    [TASK, now],
  );
  // The row's lock makes this a claim: a second process re-reads the moved time and takes nothing.
  const { rows } = await db.query<{ next_run_at: Date }>(
    `UPDATE scheduled_tasks SET next_run_at = $3 WHERE name = $1 AND next_run_at <= $2
     RETURNING next_run_at`,
    [TASK, now, new Date(now.getTime() + RETRY_MS)],
  );
  if (rows.length === 0) return false;
  try {
    const status = await flinks.getNightlyRefreshStatus();
    const failures = new Map<string, string>();
    for (const card of status.IneligibleCards ?? []) {
      if (card.LoginId) failures.set(vault.hash(card.LoginId), nightlyFailureCode(card));
    }
    await recordNightlyRefresh(db, failures);
    await db.query('UPDATE scheduled_tasks SET next_run_at = $2, last_success_at = $3 WHERE name = $1', [
      TASK,
      new Date(now.getTime() + DAY_MS),
      now,
    ]);
    log.info({ ineligible: failures.size }, 'nightly refresh status recorded');
  } catch (error) {
    log.warn({ code: isFlinksError(error) ? error.flinksCode : undefined }, 'nightly refresh status failed');
  }
  return true;
}
