/**
 * Flinks webhooks: a POST of the GetAccountsDetail 200 body (or a KYC body) plus `ResponseType`, signed with
 * Base64(HMAC-SHA256(raw body, shared secret)). The signature header's name changed between documentation
 * versions, so either is accepted; deliveries repeat and arrive late, so receivers must be idempotent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { malformed, parseJson, validate } from './decode.ts';
import { AccountsDetailWebhook, KycWebhook } from './schemas.ts';

export const WEBHOOK_SIGNATURE_HEADERS = ['flinks-authenticity-key', 'x-flinks-signature'] as const;

export type WebhookHeaders =
  | Headers
  | Record<string, string | string[] | undefined>
  | Iterable<readonly [string, string]>;

function signatureHeaders(headers: WebhookHeaders): string[] {
  const wanted = new Set<string>(WEBHOOK_SIGNATURE_HEADERS);
  const found: string[] = [];
  const entries: Iterable<readonly [string, unknown]> =
    headers instanceof Headers || Symbol.iterator in headers
      ? (headers as Iterable<readonly [string, string]>)
      : Object.entries(headers);
  for (const [name, value] of entries) {
    if (!wanted.has(name.toLowerCase())) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') found.push(item);
    }
  }
  return found;
}

/**
 * A signature check fed the body as it arrives, for a receiver that must not hold a body before knowing it is
 * signed: `update` with each chunk of the raw bytes, then `matches` once, at its end, with the same rule as
 * `verifyWebhookSignature`.
 */
export interface WebhookSignatureCheck {
  update(chunk: Uint8Array): void;
  matches(headers: WebhookHeaders): boolean;
}

export function webhookSignatureCheck(secret: string): WebhookSignatureCheck {
  const hmac = createHmac('sha256', secret);
  return {
    update: (chunk) => {
      hmac.update(chunk);
    },
    matches: (headers) => {
      if (!secret) return false;
      const signatures = signatureHeaders(headers);
      if (signatures.length === 0) return false;
      const expected = hmac.digest();
      return signatures.every((signature) => {
        const given = Buffer.from(signature.trim(), 'base64');
        // Base64 decoding ignores stray characters: compare the canonical form too, so "sig!" is not "sig".
        if (given.length !== expected.length || given.toString('base64') !== signature.trim()) return false;
        return timingSafeEqual(given, expected);
      });
    },
  };
}

/**
 * True only when at least one signature header is present and every signature present is the HMAC of exactly
 * these bytes. Pass the raw body as received (before any JSON parsing, which would change the bytes).
 * Header names are matched without regard to case; the comparison takes constant time.
 */
export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string,
): boolean {
  const check = webhookSignatureCheck(secret);
  check.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
  return check.matches(headers);
}

export type WebhookPayload =
  | { kind: 'accounts_detail'; payload: AccountsDetailWebhook }
  | { kind: 'kyc'; payload: KycWebhook }
  /** A ResponseType this client does not know: acknowledge it, do not fail the delivery. */
  | { kind: 'unknown'; responseType: string | null };

/**
 * Parses a verified webhook body (raw text or already-parsed JSON). A body that is not JSON, or whose known
 * ResponseType does not match its schema, throws a FlinksError MALFORMED_RESPONSE with the issue paths.
 */
export function parseWebhookPayload(body: unknown): WebhookPayload {
  const context = { endpoint: 'Webhook', sensitive: [] };
  const json = typeof body === 'string' ? parseJson(body, context) : body;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw malformed(context, 'the body is not a JSON object', []);
  }
  const responseType: unknown = (json as { ResponseType?: unknown }).ResponseType;
  switch (responseType) {
    case 'GetAccountsDetail':
      return { kind: 'accounts_detail', payload: validate(json, AccountsDetailWebhook, context) };
    case 'KYC':
      return { kind: 'kyc', payload: validate(json, KycWebhook, context) };
    default:
      return { kind: 'unknown', responseType: typeof responseType === 'string' ? responseType : null };
  }
}
