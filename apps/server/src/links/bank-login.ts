/**
 * One bank login, one link: a new link's first Authorize names its institution and bank username, and when
 * the person already has a link with the same ones (compared by their keyed hash, `bank_login_key`), the new
 * LoginId is that link connected again, never a second card:
 * - when that link needs the person (its sign-in no longer works, the bank wants them, the nightly refresh
 *   fails), this is its reconnection: the link takes the new LoginId, keeps its history, and the old LoginId is
 *   to be deleted at Flinks;
 * - otherwise the same login was linked twice: the new link goes and its LoginId is to be deleted at Flinks,
 *   while the person is taken to the link they have.
 */
import type { LoginIdVault } from '../crypto/login-id-vault.ts';
import type { Queryable } from '../db/database.ts';
import { findUnfinishedJob, moveJobs, stopJob } from '../jobs/repository.ts';
import type { LinkRow } from './repository.ts';

export type Recognition =
  /** No other link of the person is this bank login: the link is its own. */
  | { kind: 'own' }
  /**
   * The link `linkId` took the new LoginId (sealed to it as `loginIdEncrypted`); `retiredLoginId`, when not
   * null, is its old one, which no link holds any more and Flinks should forget.
   */
  | { kind: 'reconnected'; linkId: string; loginIdEncrypted: string; retiredLoginId: string | null }
  /** The person's link `linkId` is this bank login already: the new link is gone. */
  | { kind: 'already linked'; linkId: string };

/** Whether the link waits for the person to sign in to their bank again. */
function needsReconnecting(link: LinkRow): boolean {
  return link.status === 'error' || link.status === 'needs_attention' || link.nightly_refresh_error !== null;
}

/**
 * For a link that has never been retrieved, looks for the person's link that already is this bank login. Runs
 * inside the transaction that records the Authorize, which then records the key on the link that goes on.
 */
export async function recogniseBankLogin(
  tx: Queryable,
  vault: LoginIdVault,
  authorized: { linkId: string; userId: string; loginId: string; loginIdHash: string; bankLoginKey: string },
): Promise<Recognition> {
  const { linkId, userId, bankLoginKey } = authorized;
  // Two REDIRECTs of one bank login at once must not both find themselves alone.
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${userId}/${bankLoginKey}`]);
  const { rows: mine } = await tx.query<LinkRow>('SELECT * FROM links WHERE id = $1 FOR UPDATE', [linkId]);
  const link = mine[0];
  if (!link) return { kind: 'own' };
  const { rows: others } =
    link.last_refresh_at === null
      ? await tx.query<LinkRow>(
          `SELECT * FROM links
           WHERE user_id = $1 AND bank_login_key = $2 AND id <> $3 AND NOT deleting
           ORDER BY created_at, id LIMIT 1 FOR UPDATE`,
          [userId, bankLoginKey, linkId],
        )
      : { rows: [] };
  const existing = others[0];
  // Its own: the caller records the key with the rest of what Authorize said (`linkSignedIn`).
  if (!existing) return { kind: 'own' };

  const reconnecting = needsReconnecting(existing);
  if (reconnecting) {
    // Whatever the link was trying with its old LoginId is over: the new one carries on.
    const stale = await findUnfinishedJob(tx, existing.id);
    if (stale) {
      await stopJob(tx, stale.id, {
        code: 'LINK_RECONNECTED',
        message: 'This bank was connected again; its data is being retrieved with the new sign-in.',
      });
    }
  }
  // The new link's jobs (the one at work) carry on, or end, on the link the person has.
  await moveJobs(tx, linkId, existing.id);
  await tx.query('DELETE FROM consents WHERE link_id = $1', [linkId]);
  await tx.query('DELETE FROM links WHERE id = $1', [linkId]);
  if (!reconnecting) return { kind: 'already linked', linkId: existing.id };

  const loginIdEncrypted = vault.encrypt(authorized.loginId, existing.id);
  await tx.query(
    `UPDATE links SET login_id_hash = $2, login_id_encrypted = $3, bank_login_key = $4,
       nightly_refresh_error = NULL, updated_at = now()
     WHERE id = $1`,
    [existing.id, authorized.loginIdHash, loginIdEncrypted, bankLoginKey],
  );
  const { rows: holders } = await tx.query('SELECT 1 FROM links WHERE login_id_hash = $1 LIMIT 1', [
    existing.login_id_hash,
  ]);
  return {
    kind: 'reconnected',
    linkId: existing.id,
    loginIdEncrypted,
    retiredLoginId: holders.length === 0 ? vault.decrypt(existing.login_id_encrypted, existing.id) : null,
  };
}
