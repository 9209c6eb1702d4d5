import type { Migration } from '../migrate.ts';

/**
 * Web Push: one subscription per device and person, sealed (its endpoint and keys let anyone write to that
 * device) and found by an HMAC of its endpoint; what each person asked to be told; and, per link, whether the
 * person was already told it needs them, so that they hear it once until it works again.
 */
export const pushNotifications: Migration = {
  id: '0085-push-notifications',
  statements: [
    `CREATE TABLE push_subscriptions (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      endpoint_hash text NOT NULL UNIQUE,
      subscription_encrypted text NOT NULL,
      language text NOT NULL DEFAULT 'en',
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id)',
    `CREATE TABLE notification_settings (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      links_need_you boolean NOT NULL DEFAULT true,
      transactions_above bigint CHECK (transactions_above > 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    'ALTER TABLE links ADD COLUMN needs_you_notified boolean NOT NULL DEFAULT false',
  ],
};
