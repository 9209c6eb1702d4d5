import type { Migration } from '../migrate.ts';

export const initial: Migration = {
  id: '0001-initial',
  statements: [
    `CREATE TABLE users (
      id uuid PRIMARY KEY,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,

    // One row per (user, Flinks login). The LoginId is a credential: stored encrypted, found by its HMAC.
    `CREATE TABLE links (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      login_id_hash text NOT NULL,
      login_id_encrypted text NOT NULL,
      institution text NOT NULL DEFAULT '',
      status text NOT NULL CHECK (status IN ('pending', 'active', 'needs_attention', 'error')),
      last_refresh_at timestamptz,
      last_error_code text,
      last_error_message text,
      deleting boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, login_id_hash)
    )`,

    `CREATE TABLE accounts (
      id uuid PRIMARY KEY,
      link_id uuid NOT NULL REFERENCES links (id) ON DELETE CASCADE,
      user_id uuid NOT NULL,
      flinks_account_id text NOT NULL,
      title text NOT NULL,
      type text NOT NULL,
      category text,
      currency text NOT NULL,
      mask text,
      holder_name text,
      balance_current bigint,
      balance_available bigint,
      balance_limit bigint,
      transaction_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (link_id, flinks_account_id)
    )`,
    'CREATE INDEX accounts_user ON accounts (user_id)',

    // seq orders transactions of one account by when the bank reported them (newer → larger): the stable
    // tiebreak within a day for paging, and which running balance closes a day.
    `CREATE TABLE transactions (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      flinks_transaction_id text NOT NULL,
      date date NOT NULL,
      description text NOT NULL,
      debit bigint,
      credit bigint,
      amount bigint NOT NULL,
      balance bigint,
      seq bigint NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (account_id, flinks_transaction_id),
      UNIQUE (account_id, seq)
    )`,
    'CREATE INDEX transactions_page ON transactions (account_id, date DESC, seq DESC)',

    `CREATE TABLE jobs (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL,
      link_id uuid NOT NULL REFERENCES links (id) ON DELETE CASCADE,
      login_id_hash text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('link', 'refresh')),
      state text NOT NULL
        CHECK (state IN ('queued', 'authorizing', 'retrieving', 'mfa_required', 'succeeded', 'failed')),
      authorize_live boolean NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      request_id text,
      detail_requested boolean NOT NULL DEFAULT false,
      reauthorizations integer NOT NULL DEFAULT 0,
      connect_url text,
      new_transactions integer,
      error_code text,
      error_message text,
      lease_owner text,
      lease_expires_at timestamptz,
      run_after timestamptz NOT NULL DEFAULT now(),
      deadline_at timestamptz,
      mfa_expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    )`,
    // Flinks allows one session per LoginId: at most one unfinished job per login, whoever asked for it.
    `CREATE UNIQUE INDEX jobs_one_active_per_login ON jobs (login_id_hash)
      WHERE state NOT IN ('succeeded', 'failed')`,
    `CREATE INDEX jobs_claimable ON jobs (run_after)
      WHERE state IN ('queued', 'authorizing', 'retrieving')`,
    'CREATE INDEX jobs_lease_owner ON jobs (lease_owner) WHERE lease_owner IS NOT NULL',
    'CREATE INDEX jobs_link ON jobs (link_id, created_at DESC)',
    'CREATE INDEX jobs_request ON jobs (request_id) WHERE request_id IS NOT NULL',
    `CREATE INDEX jobs_mfa_expiry ON jobs (mfa_expires_at) WHERE state = 'mfa_required'`,

    // Deliveries of Flinks webhooks, one row per (RequestId, ResponseType) however often it is delivered. The
    // payload is dropped once the result is stored (or found to be stored already).
    `CREATE TABLE webhook_events (
      request_id text NOT NULL,
      response_type text NOT NULL,
      payload text,
      deliveries integer NOT NULL DEFAULT 1,
      received_at timestamptz NOT NULL DEFAULT now(),
      consumed_at timestamptz,
      PRIMARY KEY (request_id, response_type)
    )`,

    `CREATE TABLE settings (
      key text PRIMARY KEY,
      value text NOT NULL
    )`,
  ],
};
