/**
 * Calls built from the contracts' route table: the method is the route's, the path its template with each
 * parameter encoded as one segment, the query an object whose absent values are left out.
 */
import { routes } from '@passbook/contracts/routes';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { request, routeHref } from '../../src/api/client.ts';

const ID = '6f1c9a52-1b1e-4a57-9d8e-0c3a5e7b9d21';

function answering(status: number, body: unknown = null) {
  const fetch = vi.fn(async () => new Response(status === 204 ? null : JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetch);
  return () => fetch.mock.calls[0] as unknown as [string, RequestInit];
}

afterEach(() => vi.unstubAllGlobals());

describe('request', () => {
  it('puts each path parameter in as one encoded segment, and uses the route’s method', async () => {
    const sent = answering(200, { job: {} });
    await request(routes.getJob, { params: { id: '../links x/?#' } });
    const [url, init] = sent();
    expect(url).toBe('/api/jobs/..%2Flinks%20x%2F%3F%23');
    expect(init.method).toBe('GET');
  });

  it('fills every parameter of a path that has several', () => {
    expect(
      routeHref(routes.getStatement, { params: { id: ID, statementId: 'a/b' }, query: { language: 'fr' } }),
    ).toBe(`/api/accounts/${ID}/statements/a%2Fb?language=fr`);
  });

  it('builds the query from an object, leaving absent values out and encoding the rest', async () => {
    const sent = answering(200, { transactions: [], nextCursor: null, total: 0 });
    await request(routes.allTransactions, {
      query: { q: 'café & co=1', limit: 250, cursor: undefined, from: '2026-01-01' },
    });
    expect(sent()[0]).toBe('/api/transactions?q=caf%C3%A9+%26+co%3D1&limit=250&from=2026-01-01');
  });

  it('sends no query string when nothing is asked', async () => {
    const sent = answering(200, { currencies: [] });
    await request(routes.netWorth);
    expect(sent()[0]).toBe('/api/net-worth');
  });

  it('sends the body as JSON with the route’s method, and gives back the answer', async () => {
    const link = { id: ID, name: 'Mine' };
    const sent = answering(200, { link });
    await expect(request(routes.renameLink, { params: { id: ID }, body: { name: 'Mine' } })).resolves.toEqual(
      { link },
    );
    const [url, init] = sent();
    expect(url).toBe(`/api/links/${ID}`);
    expect(init).toMatchObject({ method: 'PATCH', body: '{"name":"Mine"}', credentials: 'same-origin' });
  });

  it('resolves to undefined for a 204', async () => {
    const sent = answering(204);
    await expect(request(routes.deleteLink, { params: { id: ID } })).resolves.toBeUndefined();
    expect(sent()[1].method).toBe('DELETE');
  });

  it('refuses to build a path whose parameter is missing rather than asking for /undefined', () => {
    expect(() => routeHref(routes.getJob, { params: {} as { id: string } })).toThrow(TypeError);
  });
});
