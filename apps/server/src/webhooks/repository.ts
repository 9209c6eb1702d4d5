/**
 * Webhook deliveries, one row per (RequestId, ResponseType), however often Flinks delivers it. RequestIds are
 * GUIDs, kept in lower case so that the job's copy and the delivery's always meet.
 */
import type { Queryable } from '../db/database.ts';

export const requestKey = (requestId: string) => requestId.toLowerCase();

export type DeliveryOutcome = 'stored' | 'duplicate' | 'unexpected';

/**
 * A first delivery is kept only while an unfinished job waits on its RequestId, found by the job's lower-cased
 * RequestId (the index `jobs_request_key`): `$1` the key, `$2` the ResponseType, `$3` the sealed payload.
 */
export const RECORD_DELIVERY_SQL = `INSERT INTO webhook_events (request_id, response_type, payload)
  SELECT $1, $2, $3
  WHERE EXISTS (SELECT 1 FROM jobs WHERE lower(request_id) = $1 AND state NOT IN ('succeeded', 'failed'))
  ON CONFLICT (request_id, response_type) DO UPDATE SET deliveries = webhook_events.deliveries + 1
  RETURNING (xmax = 0) AS inserted`;

/**
 * Records a delivery. The first one for a RequestId that a job is retrieving keeps its payload (sealed, until
 * the job stores it or the retention passes); repeats only count; a delivery for a RequestId no job waits on
 * is not recorded at all, since nothing would ever consume it. A delivery for a result already stored (by
 * polling) finds the row marked consumed and keeps no payload.
 */
export async function recordDelivery(
  db: Queryable,
  delivery: { requestId: string; responseType: string; sealedPayload: string | null },
): Promise<DeliveryOutcome> {
  const key = requestKey(delivery.requestId);
  const repeat = await db.query(
    `UPDATE webhook_events SET deliveries = deliveries + 1 WHERE request_id = $1 AND response_type = $2`,
    [key, delivery.responseType],
  );
  if (repeat.rowCount > 0) return 'duplicate';
  const { rows } = await db.query<{ inserted: boolean }>(RECORD_DELIVERY_SQL, [
    key,
    delivery.responseType,
    delivery.sealedPayload,
  ]);
  if (rows.length === 0) return 'unexpected';
  return rows[0]?.inserted ? 'stored' : 'duplicate';
}

/** Drops the payloads no job took within `retentionMs` of their delivery. */
export async function discardStalePayloads(db: Queryable, retentionMs: number): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE webhook_events SET payload = NULL
     WHERE payload IS NOT NULL AND received_at < now() - $1 * interval '1 millisecond'`,
    [retentionMs],
  );
  return rowCount;
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
