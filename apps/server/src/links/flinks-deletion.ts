/**
 * A LoginId deleted at Flinks: off the nightly refresh first, as Flinks asks, then DeleteCard, asked again with
 * growing waits while Flinks still holds a session of the login (CARD_IN_USE), within a bounded patience.
 * Flinks no longer knowing the LoginId (INVALID_LOGIN) is what deletion wants.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type FlinksClient, isFlinksError } from '@passbook/flinks';

const BUSY_RETRIES_PATIENCE = 30;
const BUSY_PATIENCE_CAP_MS = 60_000;

export async function deleteAtFlinks(
  flinks: FlinksClient,
  loginId: string,
  /** The first wait before asking DeleteCard again (one poll interval). */
  busyRetryMs: number,
): Promise<void> {
  try {
    await flinks.setScheduledRefresh(loginId, false);
    await deleteCardOnceFree(flinks, loginId, busyRetryMs);
  } catch (error) {
    if (!(isFlinksError(error) && error.flinksCode === 'INVALID_LOGIN')) throw error;
  }
}

async function deleteCardOnceFree(flinks: FlinksClient, loginId: string, busyRetryMs: number): Promise<void> {
  const patienceMs = Math.min(busyRetryMs * BUSY_RETRIES_PATIENCE, BUSY_PATIENCE_CAP_MS);
  let waitMs = busyRetryMs;
  let waited = 0;
  for (;;) {
    try {
      await flinks.deleteCard(loginId);
      return;
    } catch (error) {
      const busy = isFlinksError(error) && error.flinksCode === 'CARD_IN_USE';
      if (!busy || waited + waitMs > patienceMs) throw error;
      await sleep(waitMs);
      waited += waitMs;
      waitMs = Math.min(waitMs * 2, 10_000);
    }
  }
}
