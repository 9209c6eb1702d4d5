/**
 * The record of consent per link: granted when the person links a bank, revoked when they stop sharing (the
 * link's deletion, here and at Flinks). What Passbook reads is the same for every link: it retrieves accounts,
 * balances and transactions, nothing else.
 */
import type { Consent } from '@passbook/contracts';
import type { Queryable } from '../db/database.ts';

export const SCOPES = ['accounts', 'balances', 'transactions'] as const;

export async function grantConsent(db: Queryable, userId: string, linkId: string): Promise<void> {
  await db.query(
    'INSERT INTO consents (link_id, user_id, scopes) VALUES ($1, $2, $3) ON CONFLICT (link_id) DO NOTHING',
    [linkId, userId, SCOPES],
  );
}

export async function revokeConsent(db: Queryable, linkId: string, institution: string): Promise<void> {
  await db.query(
    `UPDATE consents SET revoked_at = now(), institution = coalesce(nullif($2, ''), institution)
     WHERE link_id = $1 AND revoked_at IS NULL`,
    [linkId, institution],
  );
}

interface ConsentRow {
  link_id: string;
  scopes: Consent['scopes'];
  institution: string;
  live_institution: string | null;
  granted_at: Date;
  revoked_at: Date | null;
  last_refresh_at: Date | null;
}

/** Current consents first, then the revoked ones, most recent first. */
export async function listConsents(db: Queryable, userId: string): Promise<Consent[]> {
  const { rows } = await db.query<ConsentRow>(
    `SELECT c.link_id, c.scopes, c.institution, l.institution AS live_institution, c.granted_at, c.revoked_at,
            l.last_refresh_at
     FROM consents c LEFT JOIN links l ON l.id = c.link_id AND l.user_id = c.user_id
     WHERE c.user_id = $1
     ORDER BY c.revoked_at IS NOT NULL, c.granted_at DESC, c.link_id`,
    [userId],
  );
  return rows.map((row) => ({
    linkId: row.link_id,
    institution: row.live_institution || row.institution,
    scopes: row.scopes,
    grantedAt: row.granted_at.toISOString(),
    lastFetchedAt: row.last_refresh_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  }));
}
