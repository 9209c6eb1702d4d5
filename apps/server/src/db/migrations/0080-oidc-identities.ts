import type { Migration } from '../migrate.ts';

/**
 * Single sign-on: an OpenID Connect identity (the provider's issuer and the person's subject there, nothing
 * more; never a token) signs in to one account, beside its passkeys. A sign-in in progress is a flow row
 * found by the hash of a key only the browser's cookie holds; the PKCE verifier is derived from that key and
 * never stored, so a copy of the database cannot finish anybody's sign-in.
 */
export const oidcIdentities: Migration = {
  id: '0080-oidc-identities',
  statements: [
    `CREATE TABLE oidc_identities (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      issuer text NOT NULL,
      subject text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      UNIQUE (issuer, subject)
    )`,
    'CREATE INDEX oidc_identities_user ON oidc_identities (user_id)',

    // purpose 'attach': the account (user_id) adds the identity; 'sign-in': whoever the browser is at the end.
    `CREATE TABLE oidc_flows (
      key_hash text PRIMARY KEY,
      state text NOT NULL,
      nonce text NOT NULL,
      purpose text NOT NULL CHECK (purpose IN ('sign-in', 'attach')),
      user_id uuid REFERENCES users (id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL
    )`,
  ],
};
