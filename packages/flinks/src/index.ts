export {
  type AccountsDetailOptions,
  type AuthorizeParams,
  type AuthorizeResult,
  type CallOptions,
  createFlinksClient,
  type FlinksClient,
  type FlinksClientOptions,
  type MfaChallenge,
  parseFlinksDateTime,
  type ResumeOptions,
  type RetrievalOptions,
  type StatementsOptions,
} from './client.ts';
export {
  CLIENT_ERROR_CODES,
  FlinksError,
  FlinksTimeoutError,
  isFlinksError,
  isRetryable,
  type SchemaIssue,
} from './errors.ts';
export { currencyMinorDigits, toMinorUnits } from './money.ts';
export type { PendingInfo, RetryInfo } from './polling.ts';
export * from './schemas.ts';
export type { BeforeDecode, FetchLike, FlinksLogger } from './transport.ts';
export {
  parseWebhookPayload,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADERS,
  type WebhookHeaders,
  type WebhookPayload,
  type WebhookSignatureCheck,
  webhookSignatureCheck,
} from './webhook.ts';
