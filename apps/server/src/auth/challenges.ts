/**
 * WebAuthn challenges between the options a browser is given and the credential it sends back: each is used
 * once, within minutes. The challenge travels inside the credential's clientDataJSON, so no cookie is needed
 * to find it again.
 */
import type { Queryable } from '../db/database.ts';

export type ChallengePurpose = 'registration' | 'authentication';

export const CHALLENGE_TTL_MS = 5 * 60_000;

export async function saveChallenge(
  db: Queryable,
  entry: { challenge: string; purpose: ChallengePurpose; userId: string | null },
): Promise<void> {
  await db.query('DELETE FROM auth_challenges WHERE expires_at < now()');
  await db.query(
    `INSERT INTO auth_challenges (challenge, purpose, user_id, expires_at)
     VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')`,
    [entry.challenge, entry.purpose, entry.userId, CHALLENGE_TTL_MS],
  );
}

/** Takes the challenge out (it never works twice); null when unknown, spent or expired. */
export async function consumeChallenge(
  db: Queryable,
  challenge: string,
  purpose: ChallengePurpose,
): Promise<{ userId: string | null } | null> {
  const { rows } = await db.query<{ user_id: string | null }>(
    `DELETE FROM auth_challenges WHERE challenge = $1 AND purpose = $2 AND expires_at > now()
     RETURNING user_id`,
    [challenge, purpose],
  );
  const row = rows[0];
  return row ? { userId: row.user_id } : null;
}

/** The challenge a browser signed, read from the credential's clientDataJSON; null when unreadable. */
export function signedChallenge(clientDataJSON: string): string | null {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    if (typeof data === 'object' && data !== null && 'challenge' in data) {
      return typeof data.challenge === 'string' ? data.challenge : null;
    }
    return null;
  } catch {
    return null;
  }
}
