import type { Migration } from '../migrate.ts';

/**
 * A person may keep their data with an account (passkeys, later an OpenID identity); sessions live here so
 * that a sign-out is seen at once by every instance; security events are kept for the person to read.
 * Only hashes of session tokens are stored: a copy of the database signs nobody in.
 */
export const accountsAndSessions: Migration = {
  id: '0030-accounts-and-sessions',
  statements: [
    // Null: an anonymous user, known only by its sessions. Set: an account, which can be signed in to again.
    'ALTER TABLE users ADD COLUMN account_created_at timestamptz',

    `CREATE TABLE sessions (
      id uuid PRIMARY KEY,
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      user_agent text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`,
    'CREATE INDEX sessions_user ON sessions (user_id)',

    // A WebAuthn credential. The public key is public; the id is what the authenticator names it by.
    `CREATE TABLE passkeys (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      public_key text NOT NULL,
      counter bigint NOT NULL DEFAULT 0,
      transports text[] NOT NULL DEFAULT '{}',
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz
    )`,
    'CREATE INDEX passkeys_user ON passkeys (user_id)',

    // A challenge handed to a browser, used once and within minutes. user_id: the user a new passkey is for.
    `CREATE TABLE auth_challenges (
      challenge text PRIMARY KEY,
      purpose text NOT NULL CHECK (purpose IN ('registration', 'authentication')),
      user_id uuid,
      expires_at timestamptz NOT NULL
    )`,

    // No foreign key: "account deleted" outlives the user it speaks of. Never a secret in detail.
    // seq: the order events happened in, also within one transaction (which has a single now()).
    `CREATE TABLE audit_events (
      id uuid PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      user_id uuid NOT NULL,
      event text NOT NULL,
      user_agent text NOT NULL DEFAULT '',
      detail jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX audit_events_user ON audit_events (user_id, seq DESC)',
  ],
};
