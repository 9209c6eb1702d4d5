/**
 * Webhook deliveries, one row per (RequestId, ResponseType), however often Flinks delivers it. RequestIds are
 * GUIDs, kept in lower case so that the job's copy and the delivery's always meet.
 */
import type { Queryable } from '../db/database.ts';

export const requestKey = (requestId: string) => requestId.toLowerCase();

export type DeliveryOutcome = 'stored' | 'duplicate';

/**
 * Records a delivery. The first one keeps the payload (until a job stores it); repeats only count. A delivery
 * for a result already stored (by polling) finds the row marked consumed and keeps no payload.
 */
export async function recordDelivery(
  db: Queryable,
  delivery: { requestId: string; responseType: string; payload: string | null },
): Promise<DeliveryOutcome> {
  const { rows } = await db.query<{ inserted: boolean }>(
    `INSERT INTO webhook_events (request_id, response_type, payload)
     VALUES ($1, $2, $3)
     ON CONFLICT (request_id, response_type) DO UPDATE SET deliveries = webhook_events.deliveries + 1
     RETURNING (xmax = 0) AS inserted`,
    [requestKey(delivery.requestId), delivery.responseType, delivery.payload],
  );
  return rows[0]?.inserted ? 'stored' : 'duplicate';
}

/** Of these RequestIds, those whose GetAccountsDetail result was delivered and not yet stored. */
export async function deliveredResults(db: Queryable, requestIds: readonly string[]): Promise<string[]> {
  if (requestIds.length === 0) return [];
  const { rows } = await db.query<{ request_id: string }>(
    `SELECT request_id FROM webhook_events
     WHERE response_type = 'GetAccountsDetail' AND payload IS NOT NULL AND request_id = ANY($1::text[])`,
    [requestIds.map(requestKey)],
  );
  return rows.map((row) => row.request_id);
}

export async function deliveredPayload(db: Queryable, requestId: string): Promise<string | null> {
  const { rows } = await db.query<{ payload: string }>(
    `SELECT payload FROM webhook_events
     WHERE request_id = $1 AND response_type = 'GetAccountsDetail' AND payload IS NOT NULL`,
    [requestKey(requestId)],
  );
  return rows[0]?.payload ?? null;
}

/** Drops a payload that turned out unusable, keeping the record of its delivery. */
export async function discardPayload(db: Queryable, requestId: string): Promise<void> {
  await db.query(
    "UPDATE webhook_events SET payload = NULL WHERE request_id = $1 AND response_type = 'GetAccountsDetail'",
    [requestKey(requestId)],
  );
}
