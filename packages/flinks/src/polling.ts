/**
 * The 202-then-poll loop: GET the Async endpoint every `pollIntervalMs` until it answers 200, reporting each
 * pending answer, until `pollTimeoutMs` after the retrieval started. Transient failures (network, request
 * timeout, 5xx, RETRY_LATER, TOO_MANY_REQUESTS, AGGREGATION_ERROR…) are retried with exponential backoff and
 * jitter inside the same cap: a GET on the Async endpoint has no side effect. Anything else ends the loop.
 */
import type { z } from 'zod';
import { decodeBody, errorFromAnswer, readErrorBody } from './decode.ts';
import { CLIENT_ERROR_CODES, FlinksError, FlinksTimeoutError } from './errors.ts';
import type { Answer, BeforeDecode, Transport } from './transport.ts';

/** One 202 answer: the retrieval is still running at Flinks. */
export interface PendingInfo {
  /** 1 for the first pending answer of this call (the POST's 202 counts), then 2, 3, … */
  attempt: number;
  /** Since the retrieval started (`startedAt` when resuming). */
  elapsedMs: number;
  /** `OPERATION_PENDING` or `OPERATION_DISPATCHED` (or whatever Flinks put in that 202). */
  flinksCode: string;
}

/** One transient failure about to be retried. */
export interface RetryInfo {
  /** Consecutive transient failures so far, this one included. */
  failures: number;
  /** How long the client waits before the next GET. */
  delayMs: number;
  error: FlinksError;
}

export interface PollingOptions {
  signal?: AbortSignal | undefined;
  /** Awaited before the next poll: a slow callback delays polling, a throwing one ends it. */
  onPending?: ((info: PendingInfo) => void | Promise<void>) | undefined;
  onRetry?: ((info: RetryInfo) => void | Promise<void>) | undefined;
  /**
   * Called with the length and status of each answer of this retrieval before it is decoded, and awaited
   * (before the client's own `beforeDecode`): a caller can hold its data undecoded until it can use it.
   */
  beforeDecode?: BeforeDecode | undefined;
}

export interface PollSettings {
  pollIntervalMs: number;
  pollTimeoutMs: number;
  requestTimeoutMs: number;
  retryBackoffMaxMs: number;
}

export interface PollTarget<T extends z.ZodType> {
  endpoint: string;
  requestId: string;
  headers: Record<string, string>;
  schema: T;
  sensitive: readonly string[];
  /** Epoch ms the retrieval started at: the cap runs from here. */
  startedAt: number;
  /** Pending answers already received in this call (1 after the POST's 202). */
  pendingAnswers: number;
  /** Wait one interval before the first GET (after a POST's 202), or GET at once (when resuming). */
  waitFirst: boolean;
}

type Outcome<T> =
  | { kind: 'ready'; value: T }
  | { kind: 'pending'; flinksCode: string }
  | { kind: 'failed'; error: FlinksError; retryAfterMs?: number | undefined };

export async function pollUntilReady<T extends z.ZodType>(
  transport: Transport,
  settings: PollSettings,
  target: PollTarget<T>,
  options: PollingOptions,
): Promise<z.output<T>> {
  const { endpoint, requestId } = target;
  const { signal } = options;
  const deadline = target.startedAt + settings.pollTimeoutMs;
  let pendingAnswers = target.pendingAnswers;
  let failures = 0;
  let lastFailure: FlinksError | undefined;
  let delayMs = target.waitFirst ? settings.pollIntervalMs : 0;

  const timedOut = () =>
    new FlinksTimeoutError({
      endpoint,
      requestId,
      elapsedMs: Date.now() - target.startedAt,
      pendingAnswers,
      cause: lastFailure,
    });

  for (;;) {
    if (delayMs >= deadline - Date.now()) {
      // Timers may fire a millisecond early by the wall clock: the cap is reached only when it has passed.
      while (Date.now() < deadline) await sleep(deadline - Date.now(), signal);
      throw timedOut();
    }
    await sleep(delayMs, signal);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timedOut();

    const outcome = await pollOnce(
      transport,
      target,
      Math.min(settings.requestTimeoutMs, remaining),
      options,
    );
    if (outcome.kind === 'ready') return outcome.value;
    if (outcome.kind === 'pending') {
      failures = 0;
      pendingAnswers += 1;
      const elapsedMs = Date.now() - target.startedAt;
      await options.onPending?.({ attempt: pendingAnswers, elapsedMs, flinksCode: outcome.flinksCode });
      delayMs = settings.pollIntervalMs;
      continue;
    }
    const { error } = outcome;
    // A request cut short by the cap is the cap being reached, not one more transient failure.
    if (error.flinksCode === CLIENT_ERROR_CODES.REQUEST_TIMEOUT && Date.now() >= deadline) {
      lastFailure = error;
      throw timedOut();
    }
    if (!error.retryable) throw error;
    failures += 1;
    lastFailure = error;
    delayMs = Math.max(backoff(settings, failures), outcome.retryAfterMs ?? 0);
    await reportRetry(transport, options, { failures, delayMs, error }, requestId);
  }
}

async function pollOnce<T extends z.ZodType>(
  transport: Transport,
  target: PollTarget<T>,
  timeoutMs: number,
  { signal, beforeDecode }: PollingOptions,
): Promise<Outcome<z.output<T>>> {
  const { endpoint, requestId } = target;
  let answer: Answer;
  try {
    answer = await transport.send({
      endpoint,
      method: 'get',
      path: `${endpoint}/${requestId}`,
      logPath: `${endpoint}/${requestId}`,
      headers: target.headers,
      timeoutMs,
      signal,
      beforeDecode,
    });
  } catch (error) {
    if (error instanceof FlinksError) return { kind: 'failed', error };
    throw error;
  }
  const context = { endpoint, status: answer.status, requestId, sensitive: target.sensitive };
  if (answer.status === 202) {
    return { kind: 'pending', flinksCode: readErrorBody(answer.text)?.FlinksCode ?? 'OPERATION_PENDING' };
  }
  // 200 is the data. Another 2xx has no documented meaning here: it is read as data, or fails clearly.
  if (answer.status >= 200 && answer.status < 300) {
    try {
      return { kind: 'ready', value: decodeBody(answer.text, target.schema, context) };
    } catch (error) {
      // A body that calls itself a failure is handled like that failure; a malformed one is not retryable.
      if (error instanceof FlinksError) return { kind: 'failed', error };
      throw error;
    }
  }
  return {
    kind: 'failed',
    error: errorFromAnswer({ status: answer.status, body: readErrorBody(answer.text) }, context),
    retryAfterMs: parseRetryAfter(answer.headers.get('retry-after')),
  };
}

async function reportRetry(
  transport: Transport,
  options: PollingOptions,
  info: RetryInfo,
  requestId: string,
): Promise<void> {
  transport.logger?.warn(
    {
      endpoint: info.error.endpoint,
      requestId,
      code: info.error.flinksCode,
      status: info.error.status,
      failures: info.failures,
      delayMs: info.delayMs,
    },
    'flinks poll failed, retrying',
  );
  await options.onRetry?.(info);
}

/** Exponential from one poll interval, capped, with jitter in [½, 1] so clients that failed together spread out. */
export function backoff(settings: PollSettings, failures: number): number {
  const exponential = settings.pollIntervalMs * 2 ** Math.min(failures - 1, 30);
  const capped = Math.min(exponential, Math.max(settings.retryBackoffMaxMs, settings.pollIntervalMs));
  return Math.round(capped * (0.5 + Math.random() * 0.5));
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    if (ms <= 0) {
      resolve();
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
