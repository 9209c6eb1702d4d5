import type { Migration } from '../migrate.ts';

/**
 * Webhook payloads are now sealed with the encryption key: the ones kept in clear before are dropped (a job
 * waiting on one polls instead). Deliveries are matched to their job by its RequestId, in lower case.
 */
export const sealedWebhookPayloads: Migration = {
  id: '0010-sealed-webhook-payloads',
  statements: [
    'UPDATE webhook_events SET payload = NULL WHERE payload IS NOT NULL',
    'CREATE INDEX jobs_request_key ON jobs (lower(request_id)) WHERE request_id IS NOT NULL',
  ],
};
