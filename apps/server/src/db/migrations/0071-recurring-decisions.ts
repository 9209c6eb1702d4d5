import type { Migration } from '../migrate.ts';

/**
 * The person's word on a detected recurring payment (confirmed, or dismissed for good). A series is found
 * again from the history on every read; its id is its first transaction's, so the decision finds it again.
 */
export const recurringDecisions: Migration = {
  id: '0071-recurring-decisions',
  statements: [
    `CREATE TABLE recurring_decisions (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      series_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('confirmed', 'dismissed')),
      decided_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, series_id)
    )`,
  ],
};
