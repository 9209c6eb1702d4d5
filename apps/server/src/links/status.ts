/**
 * The one place a link's status (and the error it shows) changes. Jobs report what happened to their link
 * through these functions, inside their own transaction, so the link and the job never disagree.
 */
import { NEEDS_PERSON_CODES } from '@passbook/contracts';
import type { Database, Queryable } from '../db/database.ts';

/**
 * Authorize named the institution, the bank username (masked, so the person tells two links at one bank
 * apart) and so which bank login the link is: one write of the link, only when something is new. A link keeps
 * the institution it was first given; `null` leaves a field as it is.
 */
export async function linkSignedIn(
  tx: Queryable,
  linkId: string,
  signedIn: { institution: string | null; usernameMasked: string | null; bankLoginKey: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE links SET institution = CASE WHEN institution = '' THEN coalesce($2, '') ELSE institution END,
       username_masked = coalesce($3, username_masked), bank_login_key = coalesce($4, bank_login_key),
       updated_at = now()
     WHERE id = $1 AND ((institution = '' AND $2::text IS NOT NULL)
       OR username_masked IS DISTINCT FROM coalesce($3::text, username_masked)
       OR bank_login_key IS DISTINCT FROM coalesce($4::text, bank_login_key))`,
    [linkId, signedIn.institution || null, signedIn.usernameMasked || null, signedIn.bankLoginKey],
  );
}

/** The bank wants the person: security questions to answer in Connect. */
export async function linkNeedsPerson(tx: Queryable, linkId: string): Promise<void> {
  await tx.query("UPDATE links SET status = 'needs_attention', updated_at = now() WHERE id = $1", [linkId]);
}

/**
 * Data retrieved: the link is current, its last error forgotten, and the next time it needs the person they
 * are told again (unless the nightly refresh still fails, which they were told of).
 */
export async function linkRetrieved(
  tx: Queryable,
  linkId: string,
  institution: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE links SET status = 'active', last_refresh_at = now(), last_error_code = NULL,
       last_error_message = NULL, institution = coalesce($2, institution),
       needs_you_notified = needs_you_notified AND nightly_refresh_error IS NOT NULL, updated_at = now()
     WHERE id = $1`,
    [linkId, institution],
  );
}

/** The last retrieval of these links failed, with a code and a sentence for the person. */
export async function linksFailed(
  tx: Queryable,
  linkIds: readonly string[],
  failure: { code: string; message: string },
): Promise<void> {
  if (linkIds.length === 0) return;
  await tx.query(
    `UPDATE links SET status = 'error', last_error_code = $2, last_error_message = $3, updated_at = now()
     WHERE id = ANY($1::uuid[])`,
    [linkIds, failure.code, failure.message],
  );
}

/**
 * What the daily GetNightlyRefreshStatus said, by LoginId hash: the listed logins' links take the reason, every
 * other link's earlier reason is cleared (its nightly refresh works again).
 */
export async function recordNightlyRefresh(
  db: Database,
  failures: ReadonlyMap<string, string>,
): Promise<void> {
  const hashes = [...failures.keys()];
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE links l SET nightly_refresh_error = v.code, updated_at = now()
       FROM unnest($1::text[], $2::text[]) AS v(hash, code)
       WHERE l.login_id_hash = v.hash AND l.nightly_refresh_error IS DISTINCT FROM v.code`,
      [hashes, [...failures.values()]],
    );
    await tx.query(
      `UPDATE links SET nightly_refresh_error = NULL, updated_at = now()
       WHERE nightly_refresh_error IS NOT NULL AND NOT (login_id_hash = ANY($1::text[]))`,
      [hashes],
    );
  });
}

/** The person signed in through Connect again: whatever the nightly refresh said of the old credentials is past. */
export async function linkReconnected(tx: Queryable, linkId: string): Promise<void> {
  await tx.query(
    'UPDATE links SET nightly_refresh_error = NULL, updated_at = now() WHERE id = $1 AND nightly_refresh_error IS NOT NULL',
    [linkId],
  );
}

/**
 * Links (of `linkIds`, or all) that need the person and whose person was not told yet, marked told in the
 * same statement: whichever instance asks, each is told once, until `linkRetrieved` says it works again.
 */
export async function linksToTellTheyNeedThePerson(
  db: Queryable,
  linkIds: readonly string[] | null,
): Promise<Array<{ user_id: string; institution: string; nickname: string | null }>> {
  const { rows } = await db.query<{ user_id: string; institution: string; nickname: string | null }>(
    `UPDATE links SET needs_you_notified = true
     WHERE NOT needs_you_notified AND NOT deleting
       AND (status = 'needs_attention' OR nightly_refresh_error IS NOT NULL
            OR (status = 'error' AND last_error_code = ANY($1::text[])))
       AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
     RETURNING user_id, institution, nickname`,
    [[...NEEDS_PERSON_CODES, 'LOGIN_UNKNOWN'], linkIds],
  );
  return rows;
}
