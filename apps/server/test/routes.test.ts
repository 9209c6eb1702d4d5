/**
 * The route table of `@passbook/contracts` is the API: every route the app registers under /api is in it with
 * the same method and path, and every entry of it is registered. The web app builds its requests from that
 * table, so a route moved on one side only fails here rather than in a browser.
 */
import { routes } from '@passbook/contracts/routes';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPgliteWorker } from '../src/db/pglite-worker.ts';
import { testConfig } from './helpers/config.ts';

/** The API documentation's own pages, served by @fastify/swagger-ui and @fastify/swagger, not API routes. */
const isDocumentation = (url: string) => url === '/api/openapi.json' || url.startsWith('/api/docs');

describe('the route table and the server', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const registered: string[] = [];

  beforeAll(async () => {
    db = await openPgliteWorker(null);
    await migrate(db);
    app = await buildApp(testConfig({ FLINKS_WEBHOOK_SECRET: 'routes-test-webhook-secret' }), {
      database: db,
      runJobs: false,
      onRoute: (route: RouteOptions) => {
        const methods = [route.method].flat();
        // Fastify adds a HEAD route beside each GET route by itself.
        if (methods.length === 1 && methods[0] === 'HEAD') return;
        for (const method of methods) registered.push(`${method} ${route.url}`);
      },
    });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const table = Object.values(routes).map(({ method, path }) => `${method} ${path}`);

  it('names each route once', () => {
    expect(new Set(table).size).toBe(table.length);
  });

  it('has every /api route the app registers, with the same method and path', () => {
    const api = registered.filter((route) => {
      const url = route.slice(route.indexOf(' ') + 1);
      return url.startsWith('/api/') && !isDocumentation(url);
    });
    expect(api.length).toBeGreaterThan(0);
    expect(api.filter((route) => !table.includes(route))).toEqual([]);
  });

  it('is registered entry by entry', () => {
    expect(table.filter((route) => !registered.includes(route))).toEqual([]);
    for (const { method, path } of Object.values(routes))
      expect(app.hasRoute({ method, url: path })).toBe(true);
  });
});
