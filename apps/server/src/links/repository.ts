/** Link rows, every read and write scoped by the owning user. */
import type { LinkStatus } from '@passbook/contracts';
import type { Queryable } from '../db/database.ts';

export interface LinkRow {
  id: string;
  user_id: string;
  login_id_hash: string;
  login_id_encrypted: string;
  institution: string;
  status: LinkStatus;
  last_refresh_at: Date | null;
  last_error_code: string | null;
  last_error_message: string | null;
  deleting: boolean;
  next_sync_at: Date | null;
  /** The reason GetNightlyRefreshStatus last gave for this login, if it listed it. */
  nightly_refresh_error: string | null;
  username_masked: string | null;
  nickname: string | null;
  created_at: Date;
  updated_at: Date;
}

export async function listLinks(db: Queryable, userId: string): Promise<LinkRow[]> {
  const { rows } = await db.query<LinkRow>(
    'SELECT * FROM links WHERE user_id = $1 AND NOT deleting ORDER BY created_at, id',
    [userId],
  );
  return rows;
}

export async function findLink(db: Queryable, userId: string, linkId: string): Promise<LinkRow | null> {
  const { rows } = await db.query<LinkRow>(
    'SELECT * FROM links WHERE id = $1 AND user_id = $2 AND NOT deleting',
    [linkId, userId],
  );
  return rows[0] ?? null;
}

/**
 * Locks the link row for the rest of the transaction. Everything that starts a job on a link or removes it
 * goes through here first, so that a job can never be created for a link being deleted.
 */
export async function lockLink(db: Queryable, userId: string, linkId: string): Promise<LinkRow | null> {
  const { rows } = await db.query<LinkRow>('SELECT * FROM links WHERE id = $1 AND user_id = $2 FOR UPDATE', [
    linkId,
    userId,
  ]);
  return rows[0] ?? null;
}

export async function lockLinkByLogin(
  db: Queryable,
  userId: string,
  loginIdHash: string,
): Promise<LinkRow | null> {
  const { rows } = await db.query<LinkRow>(
    'SELECT * FROM links WHERE user_id = $1 AND login_id_hash = $2 FOR UPDATE',
    [userId, loginIdHash],
  );
  return rows[0] ?? null;
}

/** Whether another person ($2) holds a LoginId ($1, its hash): through the index of links by LoginId. */
export const LOGIN_HELD_ELSEWHERE_SQL =
  'SELECT 1 FROM links WHERE login_id_hash = $1 AND user_id <> $2 LIMIT 1';

/**
 * Whether a user other than `userId` has linked this LoginId. Holds a lock on the LoginId for the rest of the
 * transaction, so two people linking the same LoginId at once cannot both pass.
 */
export async function loginLinkedByAnotherUser(
  tx: Queryable,
  userId: string,
  loginIdHash: string,
): Promise<boolean> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [loginIdHash]);
  const { rows } = await tx.query(LOGIN_HELD_ELSEWHERE_SQL, [loginIdHash, userId]);
  return rows.length > 0;
}

/** Creates the link unless this user has linked this LoginId already. */
export async function insertLink(
  db: Queryable,
  link: { id: string; userId: string; loginIdHash: string; loginIdEncrypted: string },
): Promise<void> {
  await db.query(
    `INSERT INTO links (id, user_id, login_id_hash, login_id_encrypted, status)
     VALUES ($1, $2, $3, $4, 'pending')
     ON CONFLICT (user_id, login_id_hash) DO NOTHING`,
    [link.id, link.userId, link.loginIdHash, link.loginIdEncrypted],
  );
}

/** The person's own name for the link; null gives it back its bank's name. */
export async function renameLink(
  db: Queryable,
  userId: string,
  linkId: string,
  nickname: string | null,
): Promise<boolean> {
  const { rows } = await db.query(
    'UPDATE links SET nickname = $3, updated_at = now() WHERE id = $1 AND user_id = $2 AND NOT deleting RETURNING id',
    [linkId, userId, nickname],
  );
  return rows.length > 0;
}

/**
 * Gives one user's links to another (an anonymous user signing in to an account). A login the receiver already
 * holds keeps the receiver's link; the giver's copy of it goes (no DeleteCard: the login is shared).
 */
export async function transferLinks(tx: Queryable, fromUserId: string, toUserId: string): Promise<void> {
  await tx.query(
    `DELETE FROM links mine WHERE mine.user_id = $1 AND EXISTS (
       SELECT 1 FROM links theirs WHERE theirs.user_id = $2 AND theirs.login_id_hash = mine.login_id_hash)`,
    [fromUserId, toUserId],
  );
  await tx.query('UPDATE links SET user_id = $2, updated_at = now() WHERE user_id = $1', [
    fromUserId,
    toUserId,
  ]);
}

export async function setDeleting(db: Queryable, linkId: string, deleting: boolean): Promise<void> {
  await db.query('UPDATE links SET deleting = $2, updated_at = now() WHERE id = $1', [linkId, deleting]);
}

export async function deleteLink(db: Queryable, linkId: string): Promise<void> {
  await db.query('DELETE FROM links WHERE id = $1', [linkId]);
}

/** Whether another link (of any user) holds the same LoginId: its data at Flinks must then be kept. */
export async function loginSharedWithOtherLink(
  db: Queryable,
  linkId: string,
  loginIdHash: string,
): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM links WHERE login_id_hash = $1 AND id <> $2 LIMIT 1', [
    loginIdHash,
    linkId,
  ]);
  return rows.length > 0;
}
