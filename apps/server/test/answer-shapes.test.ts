/**
 * The web app takes the server's answers as the contracts' types without checking them again: that holds
 * because the server encodes every answer through its route's response schema, and sends none that fails it.
 */
import { NetWorthResponse } from '@passbook/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPgliteWorker } from '../src/db/pglite-worker.ts';
import { testConfig } from './helpers/config.ts';

describe('answers and their contract', () => {
  let db: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    db = await openPgliteWorker(null);
    await migrate(db);
    app = await buildApp(testConfig(), { database: db, runJobs: false });
    app.get(
      '/api/test/misshapen',
      { schema: { response: { 200: NetWorthResponse } } },
      async () => ({ currencies: [{ currency: 'CANADIAN', points: 'none' }] }) as never,
    );
    app.get('/api/test/shaped', { schema: { response: { 200: NetWorthResponse } } }, async () => ({
      currencies: [],
    }));
  });

  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('sends an answer that fits its schema', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/test/shaped' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ currencies: [] });
  });

  it('never sends one that does not: a 500 in the error shape, without the data', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/test/misshapen' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(response.body).not.toContain('CANADIAN');
  });
});
