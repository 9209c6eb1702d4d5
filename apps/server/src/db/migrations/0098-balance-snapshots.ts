import type { Migration } from '../migrate.ts';

/**
 * Each account's balance as it stood on each day a retrieval stored it (the last one of the day wins): the
 * history of net worth. Accounts stored before it start with their current balance, on the day it was stored.
 * Rows go with their account, and so with its link.
 */
export const balanceSnapshots: Migration = {
  id: '0098-balance-snapshots',
  statements: [
    `CREATE TABLE balance_snapshots (
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      day date NOT NULL,
      balance bigint NOT NULL,
      PRIMARY KEY (account_id, day)
    )`,
    `INSERT INTO balance_snapshots (account_id, day, balance)
     SELECT id, (updated_at AT TIME ZONE 'UTC')::date, balance_current FROM accounts
     WHERE balance_current IS NOT NULL`,
  ],
};
