/**
 * How accounts are shown together: grouped by what they are for, and totalled per currency — a CAD amount
 * and a USD amount are never added to each other.
 */
import type { Account, Link } from '@passbook/contracts';

export const ACCOUNT_GROUPS = ['deposit', 'credit', 'loan', 'investment', 'other'] as const;
export type AccountGroup = (typeof ACCOUNT_GROUPS)[number];

/**
 * By the kind the server decided: chequing, savings and registered savings (an FHSA, a TFSA) hold money;
 * investments are assets too; credit is owed, and among it loans and mortgages are shown apart from cards
 * and lines of credit.
 */
export function accountGroup(account: Pick<Account, 'kind' | 'type'>): AccountGroup {
  switch (account.kind) {
    case 'chequing':
    case 'savings':
    case 'registered_savings':
      return 'deposit';
    case 'investment':
      return 'investment';
    case 'credit':
      return /^(loan|mortgage)/i.test(account.type.replace(/[\s_-]/g, '')) ? 'loan' : 'credit';
    default:
      return 'other';
  }
}

/** Money owed to the bank rather than held at it. */
export function isDebt(account: Pick<Account, 'kind' | 'type'>): boolean {
  const group = accountGroup(account);
  return group === 'credit' || group === 'loan';
}

export function groupAccounts<A extends Pick<Account, 'kind' | 'type'>>(
  accounts: readonly A[],
): { group: AccountGroup; accounts: A[] }[] {
  return ACCOUNT_GROUPS.map((group) => ({
    group,
    accounts: accounts.filter((account) => accountGroup(account) === group),
  })).filter((entry) => entry.accounts.length > 0);
}

export interface CurrencyTotal {
  currency: string;
  /** Held in chequing, savings, investments and other accounts, in minor units. */
  assets: number;
  /** Owed on cards, lines of credit and loans, in minor units (positive). */
  owed: number;
  accounts: number;
}

/** One total per currency, in the order currencies first appear; accounts without a balance are skipped. */
export function totalsByCurrency(links: readonly Pick<Link, 'accounts'>[]): CurrencyTotal[] {
  const totals = new Map<string, CurrencyTotal>();
  for (const link of links) {
    for (const account of link.accounts) {
      const current = account.balance.current;
      if (current === null) continue;
      const currency = account.currency.toUpperCase();
      let total = totals.get(currency);
      if (!total) {
        total = { currency, assets: 0, owed: 0, accounts: 0 };
        totals.set(currency, total);
      }
      if (isDebt(account)) total.owed += Math.abs(current);
      else total.assets += current;
      total.accounts += 1;
    }
  }
  return [...totals.values()];
}

/** The last digits to show after the dots; anything else than digits and letters is dropped. */
export function maskDigits(mask: string | null): string | null {
  if (!mask) return null;
  const visible = mask.replace(/[^0-9A-Za-z]/g, '').slice(-4);
  return visible || null;
}
