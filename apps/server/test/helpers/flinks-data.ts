/** GetAccountsDetail answers built by hand, for storage tests that need exact, odd or changing data. */
import type { AccountsDetailResponse } from '@passbook/flinks';

export interface TransactionSpec {
  id: string;
  date: string;
  description?: string;
  debit?: number | null;
  credit?: number | null;
  balance?: number | null;
}

export interface AccountSpec {
  id?: string;
  title?: string;
  type?: string;
  currency?: string | null;
  current?: number | null;
  available?: number | null;
  limit?: number | string | null;
  accountNumber?: string;
  /** Newest first, as Flinks lists them. Null: the answer carries no transaction list. */
  transactions?: TransactionSpec[] | null;
}

export const ACCOUNT_ID = '11111111-2222-4333-8444-555555555555';

export function accountsDetail(
  accounts: AccountSpec[],
  institutionName = 'Flinks Capital',
): AccountsDetailResponse {
  return {
    HttpStatusCode: 200,
    InstitutionName: institutionName,
    Institution: 'FlinksCapital',
    RequestId: crypto.randomUUID(),
    Accounts: accounts.map((account) => ({
      Id: account.id ?? ACCOUNT_ID,
      Title: account.title ?? 'Chequing CAD',
      Type: account.type ?? 'Chequing',
      Category: 'Operations',
      Currency: account.currency === undefined ? 'CAD' : account.currency,
      AccountNumber: account.accountNumber ?? '1111000',
      Balance: {
        Current: account.current === undefined ? 1000 : account.current,
        Available: account.available === undefined ? 1000 : account.available,
        Limit: account.limit === undefined ? null : account.limit,
      },
      Holder: { Name: 'John Doe' },
      Transactions:
        account.transactions === null
          ? null
          : (account.transactions ?? []).map((transaction) => ({
              Id: transaction.id,
              Date: transaction.date,
              Description: transaction.description ?? 'national money',
              Debit: transaction.debit ?? null,
              Credit: transaction.credit ?? null,
              Balance: transaction.balance ?? null,
            })),
    })),
  };
}
