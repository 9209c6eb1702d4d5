/**
 * Recurring payments over HTTP against the emulator: found in a linked year, confirmed or dismissed, and a
 * dismissed one stays dismissed through a refresh.
 */
import type { RecurringPayment } from '@passbook/contracts';
import { describe, expect, it } from 'vitest';
import { Browser } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/database.ts';
import { waitForJob } from '../helpers/stack.ts';
import { linkBank, useStack } from '../helpers/suite.ts';

describe.each(ENGINES)('recurring payments on %s', (engine) => {
  const stack = useStack(engine);

  const list = async (user: Browser, query = '') =>
    (await user.get(`/api/recurring${query}`)).json().recurring as RecurringPayment[];

  it('finds subscriptions, bills and pay; a dismissed one stays dismissed through a refresh', async () => {
    const { user, job, link } = await linkBank(stack);
    expect(job.state).toBe('succeeded');

    const found = await list(user);
    const netflix = found.find((payment) => payment.merchant === 'Netflix');
    const rent = found.find((payment) => payment.merchant === 'Gestion Immobiliere Plateau');
    const pay = found.find((payment) => payment.merchant === 'Northwind Technologies Inc');
    expect(netflix).toMatchObject({
      kind: 'subscription',
      cadence: 'monthly',
      amount: 2099,
      status: 'detected',
    });
    expect(rent).toMatchObject({ kind: 'bill', cadence: 'monthly', currency: 'CAD' });
    expect(pay).toMatchObject({ kind: 'income', cadence: 'biweekly' });
    expect(netflix && netflix.nextDate > netflix.lastDate).toBe(true);
    expect(found.some((payment) => payment.category === 'transfers')).toBe(false);

    const dismissed = await user.request({
      method: 'PUT',
      url: `/api/recurring/${netflix?.id}`,
      payload: { status: 'dismissed' },
    });
    expect(dismissed.statusCode).toBe(200);
    const confirmed = await user.request({
      method: 'PUT',
      url: `/api/recurring/${rent?.id}`,
      payload: { status: 'confirmed' },
    });
    expect(confirmed.json().recurring).toMatchObject({ id: rent?.id, status: 'confirmed' });

    const refreshed = await user.post(`/api/links/${link.id}/refresh`);
    expect((await waitForJob(user, refreshed.json().job.id)).state).toBe('succeeded');
    const after = await list(user);
    expect(after.some((payment) => payment.merchant === 'Netflix')).toBe(false);
    expect(after.find((payment) => payment.id === rent?.id)?.status).toBe('confirmed');
    expect((await list(user, '?dismissed=include')).find((p) => p.merchant === 'Netflix')?.status).toBe(
      'dismissed',
    );

    const stranger = new Browser(stack.app);
    await stranger.get('/api/links');
    const foreign = await stranger.request({
      method: 'PUT',
      url: `/api/recurring/${rent?.id}`,
      payload: { status: 'dismissed' },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('NOT_FOUND');
  });
});
