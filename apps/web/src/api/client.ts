/**
 * The one way the app talks to its server: same-origin JSON requests built from the contracts' route table
 * (`request(routes.getJob, { params: { id } })`), whose answers a component sees as the contract's types, or
 * an ApiError. The shapes are not checked again here: the server encodes every answer through the contract's
 * schema of its route and status before it sends it (an answer that fails its schema is a 500), so the
 * browser need not carry zod to check the same thing twice: it takes the route table (plain data) at run time
 * and the contract as types only. What only the browser can get wrong (no answer, an answer that is not ours)
 * is still told apart.
 */
import type { ErrorBody } from '@passbook/contracts';
import type { RouteAnswer, RouteBody, RouteParams, RouteQuery } from '@passbook/contracts/contract';
import {
  type QueryValue,
  type RouteDefinition,
  type RouteName,
  type RouteNameOf,
  routeUrl,
} from '@passbook/contracts/routes';
import { reportAnswered, reportSavedAnswer, reportUnreachable } from './reachability.ts';

/** Codes the client gives to failures that never produced an `{error}` body from the server. */
export const CLIENT_ERROR_CODES = {
  /** The request never got an answer: offline, server down, connection dropped. */
  network: 'NETWORK_ERROR',
  /** The server answered something that is not one of its JSON answers. */
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

type Method = RouteDefinition['method'];

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
}

/** What a call of route `K` is given: its path's parameters, its query, its body, each when it has one. */
export type RequestParts<K extends RouteName> = (RouteParams<K> extends undefined
  ? { params?: undefined }
  : { params: RouteParams<K> }) &
  (RouteQuery<K> extends undefined
    ? { query?: undefined }
    : object extends RouteQuery<K>
      ? { query?: RouteQuery<K> }
      : { query: RouteQuery<K> }) &
  (RouteBody<K> extends undefined
    ? { body?: undefined }
    : undefined extends RouteBody<K>
      ? { body?: RouteBody<K> }
      : { body: RouteBody<K> });

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const { error } = value as { error: unknown };
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
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
  const body = await readJson(response).catch(() => undefined);
  if (isErrorBody(body)) {
    return new ApiError(body.error.code, body.error.message, response.status, retryAfter);
  }
  return new ApiError(
    CLIENT_ERROR_CODES.http,
    `The server answered ${response.status} ${response.statusText}`.trim(),
    response.status,
    retryAfter,
  );
}

/** A route's address from its parts: the path's parameters put in (each encoded), then the query. */
export function routeHref<R extends RouteDefinition>(
  route: R,
  parts: Omit<RequestParts<RouteNameOf<R>>, 'body'>,
): string {
  return routeUrl(
    route,
    parts.params as Record<string, string> | undefined,
    parts.query as Record<string, QueryValue> | undefined,
  );
}

/**
 * Calls a route of the table: its method, its path with `params` put in and its `query`, and its `body` as
 * JSON. Resolves to the contract's type of the route's successful answer (undefined for a 204).
 */
export function request<R extends RouteDefinition>(
  route: R,
  ...[parts]: object extends RequestParts<RouteNameOf<R>>
    ? [parts?: RequestParts<RouteNameOf<R>> & { signal?: AbortSignal }]
    : [parts: RequestParts<RouteNameOf<R>> & { signal?: AbortSignal }]
): Promise<RouteAnswer<RouteNameOf<R>>> {
  const { body, signal } = (parts ?? {}) as { body?: unknown; signal?: AbortSignal };
  return api(routeHref(route, (parts ?? {}) as never), { method: route.method, body, signal });
}

/**
 * The request itself, by address. `T` is what the caller takes the successful answer to be; an answer without
 * a body (204) is undefined. Called only through `request`, which takes both from the contract.
 */
async function api<T = undefined>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options;
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
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (text === '') return undefined as T;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError(CLIENT_ERROR_CODES.badResponse, 'The server’s answer was not JSON', response.status);
  }
  // Every answer of ours is a JSON object; anything else came from something in between.
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ApiError(
      CLIENT_ERROR_CODES.badResponse,
      'The server’s answer was not one of its own',
      response.status,
    );
  }
  return data as T;
}
