/**
 * One HTTP exchange with Flinks through ky: ky's own retry and its 10-second default timeout are off (Flinks
 * may hold a call open for 210 s; retries are decided by the client, which knows what is safe to repeat).
 * The timeout here covers the whole exchange, headers and body, and failures come out as FlinksErrors.
 */
import ky, { isNetworkError, type KyInstance } from 'ky';
import { CLIENT_ERROR_CODES, FlinksError } from './errors.ts';

/** Structured log sink; pino and Fastify's `request.log` fit as they are. Receives no credential or LoginId. */
export interface FlinksLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export type FetchLike = (input: Request | URL | string, init?: RequestInit) => Promise<Response>;

export interface Exchange {
  /** The endpoint's name, for errors and logs. */
  endpoint: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Path under `…/BankingServices/`, e.g. `DeleteCard/<loginId>` (under `/v3/{customerId}/` with `root`). */
  path: string;
  /** The path is under `/v3/{customerId}/` rather than its `BankingServices/` (Enrich's categorisation). */
  root?: boolean;
  /** The same path as it may be logged, e.g. `DeleteCard/{loginId}`. */
  logPath: string;
  headers: Record<string, string>;
  json?: unknown;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Awaited with the body's length and the status once it has arrived, before the transport's own. */
  beforeDecode?: BeforeDecode | undefined;
}

/** Awaited with an answer's body length and status between its arrival and its decoding. */
export type BeforeDecode = (length: number, status: number) => Promise<void> | undefined;

export interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

export interface Transport {
  send(exchange: Exchange): Promise<Answer>;
  logger: FlinksLogger | undefined;
}

export function createTransport(options: {
  /** `…/v3/{customerId}`: `BankingServices/` is added for every path but a `root` one. */
  rootUrl: string;
  fetch?: FetchLike | undefined;
  logger?: FlinksLogger | undefined;
  /** Called with an answer's body length and status once it has arrived; awaited before it is decoded. */
  beforeDecode?: BeforeDecode | undefined;
}): Transport {
  const instance = (prefix: string): KyInstance =>
    ky.create({
      prefix,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  const banking = instance(`${options.rootUrl}/BankingServices`);
  const root = instance(options.rootUrl);
  const logger = options.logger;

  async function send(exchange: Exchange): Promise<Answer> {
    const { endpoint, signal } = exchange;
    signal?.throwIfAborted();
    // The exchange's own controller follows the caller's signal by a listener removed when it ends, rather
    // than by AbortSignal.any: a composed signal leaves weak references and finalization entries on a source
    // that outlives it (a job's signal lasts the whole job), which the collector must clear, and with
    // thousands of jobs polling those pauses held the event loop for whole seconds.
    const exchangeAbort = new AbortController();
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      exchangeAbort.abort();
    }, exchange.timeoutMs);
    const followCaller = () => exchangeAbort.abort(signal?.reason);
    signal?.addEventListener('abort', followCaller, { once: true });
    const started = performance.now();
    logger?.debug(
      { endpoint, method: exchange.method.toUpperCase(), path: exchange.logPath },
      'flinks request',
    );
    try {
      const http = exchange.root ? root : banking;
      const response = await http(exchange.path, {
        method: exchange.method,
        headers: exchange.headers,
        json: exchange.json,
        signal: exchangeAbort.signal,
      });
      const text = await response.text();
      const durationMs = Math.round(performance.now() - started);
      logger?.debug({ endpoint, status: response.status, durationMs }, 'flinks response');
      await exchange.beforeDecode?.(text.length, response.status);
      await options.beforeDecode?.(text.length, response.status);
      return { status: response.status, text, headers: response.headers };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      // fetch reports network failures (and a body cut short) as TypeErrors; anything else is a bug to surface.
      if (!timedOut && !isNetworkError(error) && !(error instanceof TypeError)) throw error;
      const durationMs = Math.round(performance.now() - started);
      const failure = timedOut
        ? new FlinksError({
            flinksCode: CLIENT_ERROR_CODES.REQUEST_TIMEOUT,
            message: `Flinks ${endpoint} did not answer within ${exchange.timeoutMs} ms`,
            endpoint,
          })
        : new FlinksError({
            flinksCode: CLIENT_ERROR_CODES.NETWORK_ERROR,
            message: `Flinks ${endpoint} could not be reached: ${describeNetworkFailure(error)}`,
            endpoint,
          });
      logger?.warn({ endpoint, code: failure.flinksCode, durationMs }, 'flinks request failed');
      throw failure;
    } finally {
      clearTimeout(timeout);
      signal?.removeEventListener('abort', followCaller);
    }
  }

  return { send, logger };
}

/**
 * The innermost cause of a failed fetch, e.g. `connect ECONNREFUSED 127.0.0.1:3001` or `other side closed`.
 * ky's own message is not used: it quotes the URL, and some URLs hold a LoginId.
 */
function describeNetworkFailure(error: unknown): string {
  let current: unknown = error;
  let description = 'network failure';
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (!current.message.includes('://')) {
      const code = (current as { code?: unknown }).code;
      description =
        typeof code === 'string' && !current.message.includes(code)
          ? `${current.message} (${code})`
          : current.message;
    }
    current = current.cause;
  }
  return description;
}
