import type { Migration } from '../migrate.ts';

/** Whether an account's stored transactions fail to add up to the balances the bank reports (a gap). */
export const balanceCheck: Migration = {
  id: '0043-balance-check',
  statements: ['ALTER TABLE accounts ADD COLUMN balance_gap boolean NOT NULL DEFAULT false'],
};
