/**
 * Webhook deliveries (FLINKS.md §8): the GetAccountsDetail 200 body plus `ResponseType`, signed with
 * Base64(HMAC-SHA256(raw body, secret)) under both header names, retried on failure. Re-deliveries on demand
 * let tests produce duplicates, late arrivals, reordering and bad signatures.
 */
import { createHmac } from 'node:crypto';
import type { CompletedRequest } from '../flinks/retrieval.ts';
import type { RuntimeSettings, WebhookSettings } from '../settings.ts';
import type { Timers } from '../timers.ts';

export interface WebhookDelivery {
  seq: number;
  at: string;
  requestId: string;
  attempt: number;
  /** The receiver's HTTP status, or 0 when it could not be reached or did not answer in time. */
  status: number;
  ok: boolean;
  signature: 'valid' | 'invalid' | 'none';
  error?: string;
}

export interface RedeliveryOptions {
  times?: number;
  delayMs?: number;
  badSignature?: boolean;
  unsigned?: boolean;
}

export class WebhookError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

const COMPLETED_KEPT = 50_000;
const DELIVERIES_KEPT = 10_000;

function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

export class Webhooks {
  private readonly completed = new Map<string, CompletedRequest>();
  private readonly log: WebhookDelivery[] = [];
  private seq = 0;
  private aborter = new AbortController();

  constructor(
    private readonly settings: RuntimeSettings,
    private readonly timers: Timers,
    /** The body to send, or null when the login no longer exists. */
    private readonly body: (request: CompletedRequest) => string | null,
  ) {}

  /** A GetAccountsDetail completed processing: remember it, and deliver it when a webhook is configured. */
  completedRequest(request: CompletedRequest): void {
    this.completed.set(request.requestId, request);
    if (this.completed.size > COMPLETED_KEPT) {
      const oldest = this.completed.keys().next().value;
      if (oldest !== undefined) this.completed.delete(oldest);
    }
    if (this.settings.webhook) this.send(request, {}, 1);
  }

  /** Sends a completed request's webhook again, `times` times, after `delayMs`. */
  redeliver(requestId: string, options: RedeliveryOptions): void {
    const request = this.completed.get(requestId.toLowerCase());
    if (!request) throw new WebhookError(404, `No completed GetAccountsDetail request ${requestId}`);
    if (!this.settings.webhook) throw new WebhookError(409, 'No webhook is configured');
    const times = options.times ?? 1;
    for (let i = 0; i < times; i++) {
      this.timers.after(options.delayMs ?? 0, () => this.send(request, options, 1));
    }
  }

  deliveries(filter: { requestId?: string } = {}): WebhookDelivery[] {
    return filter.requestId
      ? this.log.filter((entry) => entry.requestId === filter.requestId)
      : [...this.log];
  }

  forgetLogin(loginId: string): void {
    for (const [requestId, request] of this.completed) {
      if (request.loginId === loginId) this.completed.delete(requestId);
    }
  }

  clear(): void {
    this.aborter.abort();
    this.aborter = new AbortController();
    this.completed.clear();
    this.log.length = 0;
  }

  private send(request: CompletedRequest, options: RedeliveryOptions, attempt: number): void {
    const webhook = this.settings.webhook;
    const body = this.body(request);
    if (!webhook || body === null) return;
    const signature = options.unsigned ? 'none' : options.badSignature ? 'invalid' : 'valid';
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (signature !== 'none') {
      const value = sign(body, signature === 'valid' ? webhook.secret : `not-${webhook.secret}`);
      headers['flinks-authenticity-key'] = value;
      headers['x-flinks-signature'] = value;
    }
    const aborter = this.aborter;
    const signal = AbortSignal.any([aborter.signal, AbortSignal.timeout(webhook.timeoutMs ?? 10_000)]);
    fetch(webhook.url, { method: 'POST', headers, body, signal })
      .then(async (response) => {
        await response.arrayBuffer().catch(() => undefined);
        this.settle(request, options, attempt, webhook, { status: response.status, ok: response.ok });
      })
      .catch((error: unknown) => {
        // Cleared by reset or close: the delivery is abandoned, not failed.
        if (aborter.signal.aborted) return;
        this.settle(request, options, attempt, webhook, { status: 0, ok: false, error: String(error) });
      });
  }

  private settle(
    request: CompletedRequest,
    options: RedeliveryOptions,
    attempt: number,
    webhook: WebhookSettings,
    outcome: { status: number; ok: boolean; error?: string },
  ): void {
    this.log.push({
      seq: ++this.seq,
      at: new Date().toISOString(),
      requestId: request.requestId,
      attempt,
      signature: options.unsigned ? 'none' : options.badSignature ? 'invalid' : 'valid',
      ...outcome,
    });
    if (this.log.length > DELIVERIES_KEPT) this.log.shift();
    if (!outcome.ok && attempt < (webhook.maxAttempts ?? 10)) {
      this.timers.after(webhook.retryDelayMs ?? 30 * 60_000, () => this.send(request, options, attempt + 1));
    }
  }
}
