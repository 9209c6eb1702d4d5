/**
 * The security events a person can read on the sessions page. A row names what happened and from which
 * browser; never a token, a credential or an address.
 */
import type { AuditEvent, AuditEventKind } from '@passbook/contracts';
import type { Queryable } from '../db/database.ts';
import { describeDevice } from './device.ts';

interface AuditRow {
  id: string;
  event: AuditEventKind;
  user_agent: string;
  created_at: Date;
}

export async function recordAudit(
  db: Queryable,
  entry: { userId: string; event: AuditEventKind; userAgent: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db.query(
    'INSERT INTO audit_events (id, user_id, event, user_agent, detail) VALUES ($1, $2, $3, $4, $5)',
    [crypto.randomUUID(), entry.userId, entry.event, entry.userAgent, JSON.stringify(entry.detail ?? {})],
  );
}

/** The most recent events first; a page of them is all a person reads. */
export async function listAudit(db: Queryable, userId: string, limit = 100): Promise<AuditEvent[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT id, event, user_agent, created_at FROM audit_events
     WHERE user_id = $1 ORDER BY seq DESC LIMIT $2`,
    [userId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    event: row.event,
    device: describeDevice(row.user_agent),
    createdAt: row.created_at.toISOString(),
  }));
}
