/**
 * The balance check against the emulator's real data: a retrieved link adds up; a transaction missing from
 * the stored history (an injected gap) flags its account and the link's health, and the next retrieval,
 * bringing it back, clears the flag.
 */
import type { Sandbox } from '@passbook/flinks-sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkBalances } from '../../src/accounts/balance-check.ts';
import { Browser } from '../helpers/browser.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { appOn, startSandbox, waitForJob } from '../helpers/stack.ts';

describe.each(ENGINES)('balance check on %s', (engine) => {
  let database: TestDatabase;
  let sandbox: Sandbox;
  let app: FastifyInstance;

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([openTestDatabase(engine), startSandbox()]);
    app = await appOn(sandbox, database.db);
  });

  beforeEach(async () => {
    await sandbox.control.reset();
  });

  afterAll(async () => {
    await app.close();
    await sandbox.close();
    await database.close();
  });

  it('passes retrieved data, flags an injected gap, and clears it when the data comes back', async () => {
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const { job, link } = (await user.post('/api/links', { loginId })).json();
    expect((await waitForJob(user, job.id)).state).toBe('succeeded');
    expect(await database.db.transaction((tx) => checkBalances(tx, link.id))).toEqual([]);
    expect((await user.get(`/api/links/${link.id}`)).json().link.health.problem).toBeNull();

    const { rows } = await database.db.query<{ id: string; account_id: string }>(
      `SELECT t.id, t.account_id FROM transactions t JOIN accounts a ON a.id = t.account_id
       WHERE a.link_id = $1 AND a.title = 'Chequing CAD' ORDER BY t.seq LIMIT 1 OFFSET 5`,
      [link.id],
    );
    const missing = rows[0];
    if (!missing) throw new Error('no transaction to remove');
    await database.db.query('DELETE FROM transactions WHERE id = $1', [missing.id]);
    expect(await database.db.transaction((tx) => checkBalances(tx, link.id))).toEqual([missing.account_id]);
    expect((await user.get(`/api/links/${link.id}`)).json().link.health).toMatchObject({
      needsYou: false,
      problem: { code: 'BALANCE_MISMATCH', source: 'balance_check' },
    });

    const refresh = (await user.post(`/api/links/${link.id}/refresh`)).json().job;
    expect((await waitForJob(user, refresh.id)).state).toBe('succeeded');
    expect((await user.get(`/api/links/${link.id}`)).json().link.health.problem).toBeNull();
  });
});
