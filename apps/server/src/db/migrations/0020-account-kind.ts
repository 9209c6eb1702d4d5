import type { Migration } from '../migrate.ts';

/**
 * Each account's kind (chequing, savings, registered_savings, credit, investment, other), decided when it is
 * stored. Accounts stored before it get theirs from their Flinks type; the next retrieval refines it.
 */
export const accountKind: Migration = {
  id: '0020-account-kind',
  statements: [
    "ALTER TABLE accounts ADD COLUMN kind text NOT NULL DEFAULT 'other'",
    `UPDATE accounts SET kind = CASE
       WHEN lower(type) IN ('chequing', 'checking') THEN 'chequing'
       WHEN lower(type) = 'savings' THEN 'savings'
       WHEN lower(type) IN ('fhsa', 'tfsa', 'rrsp', 'resp', 'rdsp', 'rrif', 'lira') THEN 'registered_savings'
       WHEN lower(type) IN ('creditcard', 'lineofcredit', 'mortgage') OR lower(type) LIKE 'loan%' THEN 'credit'
       WHEN lower(type) IN ('investment', 'investments', 'brokerage') THEN 'investment'
       WHEN lower(category) = 'operations' THEN 'chequing'
       WHEN lower(category) = 'credits' THEN 'credit'
       WHEN lower(category) = 'products' THEN 'investment'
       ELSE 'other' END`,
  ],
};
