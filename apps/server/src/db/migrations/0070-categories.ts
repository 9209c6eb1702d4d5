import type { Migration } from '../migrate.ts';

/**
 * What the money did: each transaction's merchant name and category, who decided it, and the other half of a
 * transfer between two of the person's own accounts; the description and merchant folded (upper case, no
 * accents) for rules to match; the person's own category rules. The columns are filled
 * after storing (src/categories), so storage itself knows nothing of categories.
 */
export const categories: Migration = {
  id: '0070-categories',
  statements: [
    `ALTER TABLE transactions
       ADD COLUMN merchant text,
       ADD COLUMN search_text text,
       ADD COLUMN category text,
       ADD COLUMN category_source text CHECK (category_source IN ('manual', 'rule', 'flinks', 'builtin')),
       ADD COLUMN transfer_peer_id uuid REFERENCES transactions (id) ON DELETE SET NULL`,
    // Categorising looks for the transactions not categorised yet: few among many.
    'CREATE INDEX transactions_uncategorized ON transactions (account_id) WHERE category IS NULL',
    // No index on category: spending reads each account's months through transactions_page, and one more
    // index to update would make categorising a large account's first retrieval markedly slower.
    `CREATE TABLE category_rules (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      match text NOT NULL,
      category text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, match)
    )`,
  ],
};
