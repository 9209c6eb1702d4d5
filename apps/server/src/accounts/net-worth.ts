/**
 * Net worth per currency: what the person holds (chequing, savings, registered savings, investments, other)
 * less what they owe (cards, lines of credit, loans: the accounts of kind `credit`), now and on every day a
 * retrieval kept the balances. Amounts in different currencies are never added to each other.
 */
import type { AccountKind, NetWorthPoint, NetWorthResponse } from '@passbook/contracts';
import type { Queryable } from '../db/database.ts';

export interface SnapshotRow {
  account_id: string;
  day: string;
  balance: number;
}

export interface BalanceRow {
  id: string;
  currency: string;
  kind: AccountKind;
  balance_current: number | null;
}

type Side = Pick<NetWorthPoint, 'assets' | 'owed'>;

/** Adds a balance to the side it belongs on; what is owed counts positive, whatever sign the bank gave it. */
function add(total: Side, account: BalanceRow, balance: number): void {
  if (account.kind === 'credit') total.owed += Math.abs(balance);
  else total.assets += balance;
}

/**
 * The currencies in the order of most accounts first; each day's point carries every account's last balance
 * kept on or before that day. `snapshots` must be ordered by day.
 */
export function netWorth(
  accounts: readonly BalanceRow[],
  snapshots: readonly SnapshotRow[],
): NetWorthResponse {
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const currencies = new Map<string, { accounts: BalanceRow[]; snapshots: SnapshotRow[] }>();
  for (const account of accounts) {
    const entry = currencies.get(account.currency) ?? { accounts: [], snapshots: [] };
    entry.accounts.push(account);
    currencies.set(account.currency, entry);
  }
  for (const snapshot of snapshots) {
    const account = byId.get(snapshot.account_id);
    if (account) currencies.get(account.currency)?.snapshots.push(snapshot);
  }
  return {
    currencies: [...currencies.entries()]
      .sort(([, a], [, b]) => b.accounts.length - a.accounts.length)
      .map(([currency, entry]) => {
        const now: Side = { assets: 0, owed: 0 };
        for (const account of entry.accounts) {
          if (account.balance_current !== null) add(now, account, account.balance_current);
        }
        const latest = new Map<string, number>();
        const points: NetWorthPoint[] = [];
        entry.snapshots.forEach((snapshot, index) => {
          latest.set(snapshot.account_id, snapshot.balance);
          if (entry.snapshots[index + 1]?.day === snapshot.day) return;
          const day: Side = { assets: 0, owed: 0 };
          for (const [accountId, balance] of latest) add(day, byId.get(accountId) as BalanceRow, balance);
          points.push({ date: snapshot.day, ...day, net: day.assets - day.owed });
        });
        return { currency, ...now, net: now.assets - now.owed, points };
      }),
  };
}

export async function userNetWorth(db: Queryable, userId: string): Promise<NetWorthResponse> {
  const [accounts, snapshots] = await Promise.all([
    db.query<BalanceRow>(
      'SELECT id, currency, kind, balance_current FROM accounts WHERE user_id = $1 ORDER BY created_at, id',
      [userId],
    ),
    db.query<SnapshotRow>(
      `SELECT s.account_id, to_char(s.day, 'YYYY-MM-DD') AS day, s.balance
       FROM balance_snapshots s JOIN accounts a ON a.id = s.account_id
       WHERE a.user_id = $1 ORDER BY s.day, s.account_id`,
      [userId],
    ),
  ]);
  return netWorth(accounts.rows, snapshots.rows);
}
