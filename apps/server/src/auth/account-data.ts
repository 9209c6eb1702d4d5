/**
 * Leaving with one's data, and leaving: the export of everything held for a user (links, accounts,
 * transactions, daily balances, the statements' months and where their PDFs are, what they asked to be told
 * and the devices told it), and the deletion of the
 * account — every link deleted at Flinks (DeleteCard) and here through the links service, then the user with
 * its sessions, passkeys and single sign-on identities. A deletion that fails half-way (Flinks refusing one link) keeps what is left and
 * is finished by the next attempt.
 */
import type { AccountExport, DeletionSummary } from '@passbook/contracts';
import { allTransactions, presentTransaction } from '../accounts/repository.ts';
import type { LoginIdVault } from '../crypto/login-id-vault.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { LinkService } from '../links/service.ts';
import { pushDevicesOf, readSettings } from '../notifications/repository.ts';
import { accountStatements } from '../statements/repository.ts';
import { recordAudit } from './audit.ts';

/**
 * The statements' PDFs are named by the address they are downloaded from, not carried inside: the export is
 * one JSON document built in memory, and a year of every account's PDFs as base64 (a third larger again) would
 * make it tens of megabytes of text no one can open as it is, while each PDF downloads as itself.
 */
export async function exportAccount(
  db: Database,
  vault: LoginIdVault,
  links: LinkService,
  userId: string,
): Promise<AccountExport> {
  const exported: AccountExport['links'] = [];
  for (const { activeJob: _job, ...link } of await links.list(userId)) {
    const accounts = [];
    for (const account of link.accounts) {
      const transactions = await allTransactions(db, account.id, {});
      const { rows: dailyBalances } = await db.query<{ date: string; balance: number }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS date, balance FROM balance_snapshots
         WHERE account_id = $1 ORDER BY day`,
        [account.id],
      );
      const statements = (await accountStatements(db, account.id)).map((row) => ({
        id: row.id,
        period: row.period,
        sizeBytes: row.size_bytes,
        file: `/api/accounts/${account.id}/statements/${row.id}`,
      }));
      accounts.push({
        ...account,
        transactions: transactions.map(presentTransaction),
        dailyBalances,
        statements,
      });
    }
    exported.push({ ...link, accounts });
  }
  const notifications = {
    settings: await readSettings(db, userId),
    pushDevices: await pushDevicesOf(db, vault, userId),
  };
  return { exportedAt: new Date().toISOString(), links: exported, notifications };
}

async function countWhat(db: Database, userId: string): Promise<DeletionSummary> {
  const { rows } = await db.query<DeletionSummary>(
    `SELECT
       (SELECT count(*) FROM links WHERE user_id = $1)::int AS links,
       (SELECT count(*) FROM accounts WHERE user_id = $1)::int AS accounts,
       (SELECT count(*) FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE a.user_id = $1)::int
         AS transactions,
       (SELECT count(*) FROM passkeys WHERE user_id = $1)::int AS passkeys,
       (SELECT count(*) FROM oidc_identities WHERE user_id = $1)::int AS identities,
       (SELECT count(*) FROM sessions WHERE user_id = $1)::int AS sessions`,
    [userId],
  );
  const row = rows[0];
  if (!row) throw new Error('counting returned no row');
  return row;
}

/** Deletes the account; returns what was removed (counted at the first attempt). */
export async function deleteAccount(
  db: Database,
  links: LinkService,
  userId: string,
  userAgent: string,
): Promise<DeletionSummary> {
  const { rows } = await db.query<{
    deletion_summary: (Omit<DeletionSummary, 'identities'> & { identities?: number }) | null;
  }>('SELECT deletion_summary FROM users WHERE id = $1', [userId]);
  const stored = rows[0]?.deletion_summary ?? null;
  // A deletion asked for before identities were counted had none to count.
  let summary = stored === null ? null : { ...stored, identities: stored.identities ?? 0 };
  if (summary === null) {
    summary = await countWhat(db, userId);
    await db.query(
      `UPDATE users SET deletion_requested_at = now(), deletion_summary = $2
       WHERE id = $1 AND deletion_summary IS NULL`,
      [userId, JSON.stringify(summary)],
    );
  }

  // Every link is tried, so that one refused by Flinks does not hold the others back.
  const remaining = await db.query<{ id: string }>('SELECT id FROM links WHERE user_id = $1 ORDER BY id', [
    userId,
  ]);
  let failure: unknown = null;
  for (const { id } of remaining.rows) {
    try {
      await links.remove(userId, id);
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== null) {
    if (failure instanceof AppError) {
      throw new AppError(
        failure.statusCode,
        failure.code,
        `Your account is not deleted yet: ${failure.message} What was already removed stays removed.`,
      );
    }
    throw failure;
  }

  await db.transaction(async (tx) => {
    await recordAudit(tx, { userId, event: 'account_deleted', userAgent, detail: { ...summary } });
    // Sessions, passkeys, identities, sign-in flows and challenges go with the user (cascade).
    await tx.query('DELETE FROM users WHERE id = $1', [userId]);
  });
  return summary;
}
