/** What each person asked to be told, and their devices' push subscriptions (sealed, found by endpoint HMAC). */
import type {
  ExportedPushDevice,
  Language,
  NotificationSettings,
  SavePushSubscriptionRequest,
} from '@passbook/contracts';
import type { LoginIdVault } from '../crypto/login-id-vault.ts';
import type { Queryable } from '../db/database.ts';

/** Until a person chooses: told when a link needs them, never about transactions. */
export const DEFAULT_SETTINGS: NotificationSettings = { linkNeedsYou: true, transactionsAbove: null };

export async function readSettings(db: Queryable, userId: string): Promise<NotificationSettings> {
  const { rows } = await db.query<{ links_need_you: boolean; transactions_above: string | null }>(
    'SELECT links_need_you, transactions_above FROM notification_settings WHERE user_id = $1',
    [userId],
  );
  const row = rows[0];
  if (!row) return DEFAULT_SETTINGS;
  return {
    linkNeedsYou: row.links_need_you,
    transactionsAbove: row.transactions_above === null ? null : Number(row.transactions_above),
  };
}

export async function writeSettings(
  db: Queryable,
  userId: string,
  settings: NotificationSettings,
): Promise<void> {
  await db.query(
    `INSERT INTO notification_settings (user_id, links_need_you, transactions_above) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET links_need_you = excluded.links_need_you,
       transactions_above = excluded.transactions_above, updated_at = now()`,
    [userId, settings.linkNeedsYou, settings.transactionsAbove],
  );
}

/** The device's subscription, for this person from now on (a device signed in as another person moves). */
export async function saveSubscription(
  db: Queryable,
  vault: LoginIdVault,
  userId: string,
  request: SavePushSubscriptionRequest,
): Promise<void> {
  const { endpoint, keys } = request.subscription;
  const id = crypto.randomUUID();
  const endpointHash = vault.pushEndpointHash(endpoint);
  // Sealed to the endpoint's hash, which stays the row's whoever it belongs to.
  const sealed = vault.sealPushSubscription(JSON.stringify({ endpoint, keys }), endpointHash);
  await db.query(
    `INSERT INTO push_subscriptions (id, user_id, endpoint_hash, subscription_encrypted, language)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (endpoint_hash) DO UPDATE SET user_id = excluded.user_id,
       subscription_encrypted = excluded.subscription_encrypted, language = excluded.language`,
    [id, userId, endpointHash, sealed, request.language],
  );
}

export async function deleteSubscription(
  db: Queryable,
  vault: LoginIdVault,
  userId: string,
  endpoint: string,
): Promise<void> {
  await db.query('DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint_hash = $2', [
    userId,
    vault.pushEndpointHash(endpoint),
  ]);
}

export interface StoredSubscription {
  endpointHash: string;
  language: Language;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
}

export async function subscriptionsOf(
  db: Queryable,
  vault: LoginIdVault,
  userId: string,
): Promise<StoredSubscription[]> {
  const { rows } = await db.query<{
    endpoint_hash: string;
    subscription_encrypted: string;
    language: Language;
  }>('SELECT endpoint_hash, subscription_encrypted, language FROM push_subscriptions WHERE user_id = $1', [
    userId,
  ]);
  return rows.map((row) => ({
    endpointHash: row.endpoint_hash,
    language: row.language,
    subscription: JSON.parse(vault.openPushSubscription(row.subscription_encrypted, row.endpoint_hash)),
  }));
}

/**
 * The person's devices as their export shows them: the push service each subscribed through (the endpoint's
 * host), never the endpoint itself (whoever holds it, with the keys, can write to the device) nor the keys.
 */
export async function pushDevicesOf(
  db: Queryable,
  vault: LoginIdVault,
  userId: string,
): Promise<ExportedPushDevice[]> {
  const { rows } = await db.query<{
    endpoint_hash: string;
    subscription_encrypted: string;
    language: Language;
    created_at: Date;
  }>(
    `SELECT endpoint_hash, subscription_encrypted, language, created_at FROM push_subscriptions
     WHERE user_id = $1 ORDER BY created_at, id`,
    [userId],
  );
  return rows.map((row) => {
    const { endpoint } = JSON.parse(
      vault.openPushSubscription(row.subscription_encrypted, row.endpoint_hash),
    );
    return {
      pushService: new URL(endpoint).host,
      language: row.language,
      subscribedAt: new Date(row.created_at).toISOString(),
    };
  });
}

/** A push service said the subscription is gone (404, 410): the device no longer listens. */
export async function forgetSubscription(db: Queryable, endpointHash: string): Promise<void> {
  await db.query('DELETE FROM push_subscriptions WHERE endpoint_hash = $1', [endpointHash]);
}
