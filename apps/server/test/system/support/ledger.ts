/**
 * What a run left behind, checked against Flinks' side: the jobs' rows, the transactions stored per link, and
 * the data the emulator holds for each LoginId (read through its API, as the server reads it).
 */
import type { Queryable } from '../../../src/db/database.ts';
import { DETAIL } from '../../../src/jobs/execute.ts';
import { emulatorClient } from './emulator.ts';

export interface JobRecord {
  id: string;
  link_id: string;
  kind: 'link' | 'refresh';
  state: string;
  error_code: string | null;
  new_transactions: number | null;
  lease_owner: string | null;
  request_id: string | null;
  finished_at: Date | null;
}

export async function jobRecords(db: Queryable): Promise<Map<string, JobRecord>> {
  const { rows } = await db.query<JobRecord>(
    `SELECT id, link_id, kind, state, error_code, new_transactions, lease_owner, request_id, finished_at
     FROM jobs`,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Flinks account Id → the Flinks transaction Ids of that account (lower-case account Ids). */
export type AccountsData = Map<string, string[]>;

/** The transactions stored for each link, by Flinks account Id, one entry per stored row. */
export async function storedData(db: Queryable): Promise<Map<string, AccountsData>> {
  const { rows } = await db.query<{ link_id: string; account: string; transaction: string | null }>(
    `SELECT a.link_id, a.flinks_account_id AS account, t.flinks_transaction_id AS transaction
     FROM accounts a LEFT JOIN transactions t ON t.account_id = a.id`,
  );
  const links = new Map<string, AccountsData>();
  for (const row of rows) {
    const accounts = links.get(row.link_id) ?? new Map<string, string[]>();
    links.set(row.link_id, accounts);
    const ids = accounts.get(row.account) ?? [];
    accounts.set(row.account, ids);
    if (row.transaction !== null) ids.push(row.transaction);
  }
  return links;
}

/**
 * The data the emulator holds now for each LoginId (its latest refresh), read with a cached authorisation and
 * the same retrieval options the server uses. Costs one session per LoginId: call it once the run is over.
 */
export async function emulatorData(emulatorUrl: string, loginIds: readonly string[]) {
  const flinks = emulatorClient(emulatorUrl);
  const data = new Map<string, AccountsData>();
  await Promise.all(
    loginIds.map(async (loginId) => {
      const session = await flinks.authorize({ loginId, mostRecentCached: true });
      if (session.kind !== 'authorized') throw new Error('a cached authorisation asked for MFA');
      const detail = await flinks.getAccountsDetail(session.requestId, DETAIL);
      data.set(
        loginId,
        new Map(
          detail.Accounts.map((account) => [
            account.Id.toLowerCase(),
            (account.Transactions ?? []).map((transaction) => transaction.Id),
          ]),
        ),
      );
    }),
  );
  return data;
}

export interface Comparison {
  /** Transactions Flinks holds that are not stored (and accounts missing, each counted as one). */
  lost: number;
  /** Rows stored more than once, and rows (accounts, transactions) stored that Flinks does not hold. */
  duplicates: number;
  /** Transactions Flinks holds. */
  expected: number;
}

export function compare(stored: AccountsData | undefined, flinks: AccountsData): Comparison {
  let lost = 0;
  let duplicates = 0;
  let expected = 0;
  for (const [account, ids] of flinks) {
    expected += ids.length;
    const kept = stored?.get(account);
    if (kept === undefined) {
      lost += 1 + ids.length;
      continue;
    }
    const held = new Set(ids);
    const seen = new Set<string>();
    for (const id of kept) {
      if (seen.has(id) || !held.has(id)) duplicates += 1;
      seen.add(id);
    }
    for (const id of held) if (!seen.has(id)) lost += 1;
  }
  for (const [account, ids] of stored ?? new Map<string, string[]>()) {
    if (!flinks.has(account)) duplicates += 1 + ids.length;
  }
  return { lost, duplicates, expected };
}

/** How many of a process's log lines say this job succeeded. */
export function successLogs(lines: ReadonlyArray<Record<string, unknown>>, jobId: string): number {
  return lines.filter((line) => line.msg === 'job succeeded' && line.jobId === jobId).length;
}
