/**
 * When each link is synced next. The time is a column (`next_sync_at`) on the link, so a hundred thousand
 * idle links cost nothing in memory; slots keep their phase (a link linked at 09:14 syncs at 09:14), which
 * spreads the links over the interval as their linking times are spread.
 */
import type { Queryable } from '../db/database.ts';

export interface DueLink {
  id: string;
  user_id: string;
  login_id_hash: string;
  /** The slot that came: what the sync job is for. */
  slot: Date;
}

/** The first scheduled sync of a link comes one interval after its link job; none when scheduling is off. */
export async function scheduleFirstSync(
  tx: Queryable,
  linkId: string,
  schedule: { now: Date; intervalMs: number },
): Promise<void> {
  const next = schedule.intervalMs > 0 ? new Date(schedule.now.getTime() + schedule.intervalMs) : null;
  await tx.query('UPDATE links SET next_sync_at = $2 WHERE id = $1', [linkId, next]);
}

/**
 * Takes up to `limit` links whose slot has come and moves each to its next slot after `now` (one sync for
 * however many slots were missed). Rows another process is taking are skipped, so each slot is taken once.
 */
export async function takeDueLinks(
  tx: Queryable,
  schedule: { now: Date; intervalMs: number; limit: number },
): Promise<DueLink[]> {
  const { rows } = await tx.query<DueLink>(
    `WITH due AS (
       SELECT id, next_sync_at FROM links
       WHERE next_sync_at IS NOT NULL AND next_sync_at <= $1::timestamptz AND NOT deleting
       ORDER BY next_sync_at LIMIT $3
       FOR UPDATE SKIP LOCKED)
     UPDATE links l SET next_sync_at = due.next_sync_at + $2::float8 * interval '1 millisecond' *
         (floor(extract(epoch FROM ($1::timestamptz - due.next_sync_at))::float8 * 1000 / $2::float8) + 1)
     FROM due WHERE l.id = due.id
     RETURNING l.id, l.user_id, l.login_id_hash, due.next_sync_at AS slot`,
    [schedule.now, schedule.intervalMs, schedule.limit],
  );
  return rows;
}

/** Links without a next sync (made while scheduling was off, or before it existed) get one, spread at random. */
export async function scheduleUnscheduledLinks(
  db: Queryable,
  schedule: { now: Date; intervalMs: number },
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE links SET next_sync_at = $1::timestamptz + random() * $2::float8 * interval '1 millisecond'
     WHERE next_sync_at IS NULL AND NOT deleting`,
    [schedule.now, schedule.intervalMs],
  );
  return rowCount;
}
