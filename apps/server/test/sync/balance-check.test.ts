/**
 * The balance check against the emulator's real data: a retrieved link adds up; a transaction missing from
 * the stored history (an injected gap) flags its account and the link's health, and the next retrieval,
 * bringing it back, clears the flag.
 */
import { describe, expect, it } from 'vitest';
import { checkBalances } from '../../src/accounts/balance-check.ts';
import { ENGINES } from '../helpers/database.ts';
import { waitForJob } from '../helpers/stack.ts';
import { linkBank, useStack } from '../helpers/suite.ts';

describe.each(ENGINES)('balance check on %s', (engine) => {
  const stack = useStack(engine);

  it('passes retrieved data, flags an injected gap, and clears it when the data comes back', async () => {
    const { user, job, link } = await linkBank(stack);
    expect(job.state).toBe('succeeded');
    const { database } = stack;
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
