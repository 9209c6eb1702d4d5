import { expect, test } from '@playwright/test';
import { linkBank } from '../../support/connect.ts';
import { SANDBOX_URL } from '../../support/env.ts';

test('on a 375-px phone, the attention count and page fit without sideways scrolling', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await linkBank(page, 'test_dispatched');
  await request.post(`${SANDBOX_URL}/__sandbox/users/test_dispatched/break-credentials`);
  const bank = page.getByRole('region', { name: 'Flinks Capital' });
  await bank.getByRole('button', { name: 'Refresh data from Flinks Capital' }).click();
  const attention = page.getByRole('link', { name: '1 bank needs you' });
  await expect(attention).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: 'test-results/sync-phone-dashboard.png', fullPage: true });
  await attention.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Needs your attention' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: 'test-results/sync-phone-attention.png', fullPage: true });
});
