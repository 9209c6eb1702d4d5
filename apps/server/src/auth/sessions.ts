/**
 * Sessions are rows: a cookie names one by a random token whose hash is stored, so a sign-out on any instance
 * is a deleted row, which every instance hears of (session-cache.ts) and then refuses. A session ends when
 * unused for the idle lifetime or at its absolute expiry, whichever comes first.
 */
import type { SessionSummary } from '@passbook/contracts';
import type { Queryable } from '../db/database.ts';
import { describeDevice, USER_AGENT_MAX } from './device.ts';
import { hashToken, newToken } from './tokens.ts';

/** last_seen_at is written at most this often per session: a read must not cost a write each time. */
export const TOUCH_EVERY_MS = 60_000;

export interface Session {
  id: string;
  userId: string;
  /** The user keeps their data with an account (false: anonymous). */
  account: boolean;
}

export interface IssuedSession {
  session: Session;
  /** The cookie's value; never stored. */
  token: string;
  expiresAt: Date;
}

/** A live session as read, with the absolute expiry past which no cache may keep it. */
export interface FoundSession {
  session: Session;
  expiresAt: Date;
}

interface SessionRow {
  id: string;
  user_id: string;
  account: boolean;
  expires_at: Date;
}

export async function insertSession(
  db: Queryable,
  entry: { userId: string; account: boolean; userAgent: string; absoluteMs: number },
): Promise<IssuedSession> {
  const token = newToken();
  const id = crypto.randomUUID();
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO sessions (id, token_hash, user_id, user_agent, expires_at)
     VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond') RETURNING expires_at`,
    [id, hashToken(token), entry.userId, entry.userAgent.slice(0, USER_AGENT_MAX), entry.absoluteMs],
  );
  return {
    session: { id, userId: entry.userId, account: entry.account },
    token,
    expiresAt: rows[0]?.expires_at ?? new Date(),
  };
}

/**
 * The live session whose token has this hash, or null (unknown, revoked, idle too long or expired); its use is
 * recorded at most once per TOUCH_EVERY_MS.
 */
export async function findSession(
  db: Queryable,
  tokenHash: string,
  idleMs: number,
): Promise<FoundSession | null> {
  const { rows } = await db.query<SessionRow>(
    `SELECT s.id, s.user_id, u.account_created_at IS NOT NULL AS account, s.expires_at
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now()
       AND s.last_seen_at > now() - $2 * interval '1 millisecond'`,
    [tokenHash, idleMs],
  );
  const row = rows[0];
  if (!row) return null;
  await db.query(
    `UPDATE sessions SET last_seen_at = now()
     WHERE id = $1 AND last_seen_at < now() - $2 * interval '1 millisecond'`,
    [row.id, TOUCH_EVERY_MS],
  );
  return { session: { id: row.id, userId: row.user_id, account: row.account }, expiresAt: row.expires_at };
}

export async function deleteSession(db: Queryable, sessionId: string, userId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM sessions WHERE id = $1 AND user_id = $2', [
    sessionId,
    userId,
  ]);
  return rowCount > 0;
}

export async function deleteOtherSessions(db: Queryable, userId: string, keepId: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [
    userId,
    keepId,
  ]);
  return rowCount;
}

export async function listSessions(
  db: Queryable,
  userId: string,
  currentId: string | null,
  idleMs: number,
): Promise<SessionSummary[]> {
  const { rows } = await db.query<{ id: string; user_agent: string; created_at: Date; last_seen_at: Date }>(
    `SELECT id, user_agent, created_at, last_seen_at FROM sessions
     WHERE user_id = $1 AND expires_at > now() AND last_seen_at > now() - $2 * interval '1 millisecond'
     ORDER BY last_seen_at DESC, id`,
    [userId, idleMs],
  );
  return rows.map((row) => ({
    id: row.id,
    current: row.id === currentId,
    device: describeDevice(row.user_agent),
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
  }));
}
