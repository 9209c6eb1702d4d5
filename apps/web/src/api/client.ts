/**
 * The one way the app talks to its server: same-origin JSON requests whose answers are parsed with the
 * contracts' schemas, so a component only ever sees data of the declared shape or an ApiError.
 */
import { ErrorBody } from '@passbook/contracts';
import { reportAnswered, reportSavedAnswer, reportUnreachable } from './reachability.ts';

/** What the client needs of a contracts schema (zod's `safeParse`), without depending on zod itself. */
export interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/** Codes the client gives to failures that never produced an `{error}` body from the server. */
export const CLIENT_ERROR_CODES = {
  /** The request never got an answer: offline, server down, connection dropped. */
  network: 'NETWORK_ERROR',
  /** The server answered something that is not the declared shape. */
  badResponse: 'BAD_RESPONSE',
  /** The server answered an error status without our error body (a proxy's page, for instance). */
  http: 'HTTP_ERROR',
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  /** HTTP status, or 0 when no answer arrived. */
  readonly status: number;
  /** Seconds the server asked us to wait (429, 503), when it said so. */
  readonly retryAfter: number | null;

  constructor(code: string, message: string, status: number, retryAfter: number | null = null) {
    super(message);
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** Worth trying again as is: no answer, rate limited, or a server-side failure. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions<T> {
  method?: Method;
  body?: unknown;
  /** The schema of a successful answer; omit for answers without a body (204). */
  schema?: Schema<T>;
  signal?: AbortSignal;
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Turns a non-2xx answer into an ApiError, keeping the server's code and message when it sent them. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const parsed = ErrorBody.safeParse(await readJson(response).catch(() => undefined));
  if (parsed.success) {
    return new ApiError(parsed.data.error.code, parsed.data.error.message, response.status, retryAfter);
  }
  return new ApiError(
    CLIENT_ERROR_CODES.http,
    `The server answered ${response.status} ${response.statusText}`.trim(),
    response.status,
    retryAfter,
  );
}

export async function api<T = undefined>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const { method = 'GET', body, schema, signal } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    reportUnreachable();
    throw new ApiError(CLIENT_ERROR_CODES.network, 'The server could not be reached', 0);
  }
  const saved = response.headers.get('x-passbook-offline');
  if (saved !== null) reportSavedAnswer(saved);
  else reportAnswered();
  if (!response.ok) throw await errorFromResponse(response);
  if (!schema) return undefined as T;
  let data: unknown;
  try {
    data = await response.json();
  } catch {
    throw new ApiError(CLIENT_ERROR_CODES.badResponse, 'The server’s answer was not JSON', response.status);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(
      CLIENT_ERROR_CODES.badResponse,
      'The server’s answer did not have the expected shape',
      response.status,
    );
  }
  return parsed.data;
}
