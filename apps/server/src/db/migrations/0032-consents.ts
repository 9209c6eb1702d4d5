import type { Migration } from '../migrate.ts';

/**
 * A record of consent per link (Consumer-Driven Banking Act, s. 91–92): when the person connected it, what
 * Passbook reads, and when they stopped sharing. It outlives the link it speaks of.
 */
export const consents: Migration = {
  id: '0032-consents',
  statements: [
    `CREATE TABLE consents (
      link_id uuid PRIMARY KEY,
      user_id uuid NOT NULL,
      scopes text[] NOT NULL,
      -- The bank's name, kept when the link is gone.
      institution text NOT NULL DEFAULT '',
      granted_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`,
    'CREATE INDEX consents_user ON consents (user_id, granted_at DESC)',
    // Links made before consents were recorded: their creation was the consent.
    `INSERT INTO consents (link_id, user_id, scopes, institution, granted_at)
     SELECT id, user_id, ARRAY['accounts', 'balances', 'transactions'], institution, created_at FROM links`,
  ],
};
