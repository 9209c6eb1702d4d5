/**
 * When an anonymous user signs in to an account, what the anonymous user linked becomes the account's: the
 * rows change owner (nothing is copied), and a bank login the account already holds keeps the account's link.
 */
import type { Queryable } from '../db/database.ts';
import { transferLinks } from '../links/repository.ts';

export async function adoptAnonymousData(tx: Queryable, fromUserId: string, toUserId: string): Promise<void> {
  // The account's link for the same login stays, with its consent; the anonymous copy goes (no DeleteCard: the
  // login is shared).
  await tx.query(
    `DELETE FROM consents c USING links mine WHERE c.link_id = mine.id AND mine.user_id = $1 AND EXISTS (
       SELECT 1 FROM links theirs WHERE theirs.user_id = $2 AND theirs.login_id_hash = mine.login_id_hash)`,
    [fromUserId, toUserId],
  );
  await transferLinks(tx, fromUserId, toUserId);
  await tx.query('UPDATE accounts SET user_id = $2 WHERE user_id = $1', [fromUserId, toUserId]);
  await tx.query('UPDATE jobs SET user_id = $2 WHERE user_id = $1', [fromUserId, toUserId]);
  await tx.query('UPDATE consents SET user_id = $2 WHERE user_id = $1', [fromUserId, toUserId]);
  // Its sessions go with it (cascade); an account is never removed here.
  await tx.query('DELETE FROM users WHERE id = $1 AND account_created_at IS NULL', [fromUserId]);
}
