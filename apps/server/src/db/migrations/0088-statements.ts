import type { Migration } from '../migrate.ts';

/**
 * The bank's monthly statements of each account, one per account and month (`YYYY-MM`), as the PDF Flinks
 * gave, sealed with the encryption key: they hold account numbers, holders and transactions. They go with
 * their account, and so with its link and its user; whose they are is their account's (no owner column to
 * keep in step when an anonymous user's links pass to an account).
 */
export const statements: Migration = {
  id: '0088-statements',
  statements: [
    `CREATE TABLE statements (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      pdf_sealed text NOT NULL,
      size_bytes integer NOT NULL,
      retrieved_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (account_id, period)
    )`,
  ],
};
