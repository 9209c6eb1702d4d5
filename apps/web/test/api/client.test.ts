import { routes } from '@passbook/contracts/routes';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, CLIENT_ERROR_CODES, request } from '../../src/api/client.ts';

const JOB = {
  id: '6f1c9a52-1b1e-4a57-9d8e-0c3a5e7b9d21',
  linkId: '0b7d1c2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
  kind: 'refresh',
  state: 'retrieving',
  stage: 'waiting_for_bank',
  storingTransactions: null,
  attempts: 3,
  createdAt: '2026-03-10T12:00:00.000Z',
  updatedAt: '2026-03-10T12:00:05.000Z',
  startedAt: '2026-03-10T12:00:01.000Z',
  finishedAt: null,
  connectUrl: null,
  newTransactions: null,
  error: null,
};

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return vi.fn(async () => new Response(status === 204 ? null : text, { status, headers }));
}

afterEach(() => vi.unstubAllGlobals());

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('request', () => {
  it('returns the parsed body of a success', async () => {
    vi.stubGlobal('fetch', answer(200, { job: JOB }));
    await expect(request(routes.getJob, { params: { id: 'x' } })).resolves.toEqual({ job: JOB });
  });

  it('sends JSON bodies same-origin with credentials', async () => {
    const fetch = answer(204, '');
    vi.stubGlobal('fetch', fetch);
    await request(routes.createLink, { body: { loginId: 'x' } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/links');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"loginId":"x"}' });
    expect(init.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  it('turns an {error} body into an ApiError with its code, message and status', async () => {
    vi.stubGlobal('fetch', answer(404, { error: { code: 'NOT_FOUND', message: 'No such link' } }));
    const error = await failure(request(routes.getLink, { params: { id: 'x' } }));
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No such link',
      status: 404,
      transient: false,
    });
  });

  it('reads Retry-After on 429 and counts it as transient', async () => {
    vi.stubGlobal(
      'fetch',
      answer(429, { error: { code: 'RATE_LIMITED', message: 'Slow down' } }, { 'retry-after': '12' }),
    );
    const error = await failure(request(routes.listLinks));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfter: 12, transient: true });
  });

  it('still produces an ApiError when an error status comes without our body', async () => {
    vi.stubGlobal('fetch', answer(502, '<html>Bad gateway</html>'));
    const error = await failure(request(routes.listLinks));
    expect(error).toMatchObject({ code: CLIENT_ERROR_CODES.http, status: 502, transient: true });
  });

  it('reports a network failure with status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await failure(request(routes.listLinks));
    expect(error).toMatchObject({ code: CLIENT_ERROR_CODES.network, status: 0, transient: true });
  });

  it('refuses a success that is JSON but not one of the server’s answers (always an object)', async () => {
    for (const body of [[JOB], '"ok"', 'null', '42']) {
      vi.stubGlobal('fetch', answer(200, body));
      const error = await failure(request(routes.getJob, { params: { id: 'x' } }));
      expect(error.code).toBe(CLIENT_ERROR_CODES.badResponse);
    }
  });

  it('refuses a success that is not JSON', async () => {
    vi.stubGlobal('fetch', answer(200, 'not json'));
    const error = await failure(request(routes.getJob, { params: { id: 'x' } }));
    expect(error.code).toBe(CLIENT_ERROR_CODES.badResponse);
  });

  it('lets an abort through as an abort, not as a network failure', async () => {
    const controller = new AbortController();
    controller.abort();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new DOMException('aborted', 'AbortError'))),
    );
    await expect(request(routes.listLinks, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
