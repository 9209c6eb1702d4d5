/**
 * The fuzzer sends what a client would: a URL as a URL parser resolves it, dot segments (`.`, `..` and their
 * percent-encoded forms) among the ids it tries, and a request whose id a URL parser resolves away is not
 * counted as a bad id of its route (it names another path).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badRequests, type HostileRequest, type Route, type Target } from './hostile.ts';

const target: Target = {
  publicUrl: 'http://passbook.test',
  ownIds: { accounts: '00000000-0000-4000-8000-000000000001' },
  ownerCookie: 'passbook_session=owner',
  cookieName: 'passbook_session',
  signCookie: (value) => value,
  webhookSecret: 'secret',
  signatureHeaders: ['x-flinks-signature'],
  signedRoutes: new Set(),
};

const route: Route = {
  method: 'GET',
  path: '/api/accounts/{id}/transactions',
  params: { id: { type: 'string', format: 'uuid' } },
  query: {},
  body: null,
};

/** The path a WHATWG URL parser (a browser's fetch, undici) makes of `url`. */
const resolved = (url: string) => new URL(url, target.publicUrl).pathname;

describe('hostile requests', () => {
  const [badIds] = badRequests(route, target);
  const sample: HostileRequest[] = badIds ? fc.sample(badIds, { numRuns: 3_000, seed: 7 }) : [];

  it('try dot segments as ids, and send each URL as a URL parser resolves it', () => {
    expect(sample.length).toBe(3_000);
    for (const request of sample) {
      const [path = ''] = request.url.split('?');
      expect(resolved(path), request.url).toBe(path);
    }
    // `/api/accounts/../transactions` is sent as the path it resolves to.
    expect(sample.some((request) => request.url === '/api/transactions')).toBe(true);
    expect(sample.some((request) => request.url === '/api/accounts/transactions')).toBe(true);
  });

  it('do not count an id resolved away as a bad id of the route', () => {
    for (const request of sample) {
      const named = /^\/api\/accounts\/[^/]*\/transactions$/.test(request.url.split('?')[0] ?? '');
      expect(request.defect, request.url).toBe(named ? 'param' : null);
    }
  });
});
