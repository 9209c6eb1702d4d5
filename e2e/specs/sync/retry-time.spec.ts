import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../../support/axe.ts';
import { APP_URL, SANDBOX_URL } from '../../support/env.ts';

const TIME_ZONE = 'America/Toronto';
test.use({ timezoneId: TIME_ZONE });

/**
 * A link whose live refresh meets an institution Flinks has paused (DISABLED_INSTITUTION, which no person can
 * fix and the next sync tries again): the link made from a login the control surface creates, then a fault
 * armed for that login alone, then "Refresh data". Returns when Passbook tries again, as the health says.
 */
async function linkWhoseRefreshFails(page: Page): Promise<Date> {
  const created = await page.request.post(`${SANDBOX_URL}/__sandbox/logins`, {
    data: { username: 'greatday_nomfa' },
  });
  const { loginId } = (await created.json()) as { loginId: string };
  await page.goto('/');
  const linked = await page.request.post('/api/links', { data: { loginId }, headers: { origin: APP_URL } });
  expect(linked.status()).toBe(202);
  await page.reload();
  const refresh = page.getByRole('button', { name: /^(Refresh data|Actualiser les données) / });
  await expect(refresh).toBeEnabled();
  const armed = await page.request.post(`${SANDBOX_URL}/__sandbox/faults`, {
    data: { endpoint: 'Authorize', kind: 'flinks', flinksCode: 'DISABLED_INSTITUTION', loginId },
  });
  expect(armed.status()).toBe(201);
  await refresh.click();
  await expect(page.getByRole('alert')).toBeVisible();
  const links = (await (await page.request.get('/api/links')).json()) as {
    links: { health: { problem: { code: string; retryAt: string | null } | null } }[];
  };
  const problem = links.links[0]?.health.problem;
  expect(problem?.code).toBe('DISABLED_INSTITUTION');
  return new Date(problem?.retryAt ?? '');
}

const clock = (at: Date, locale: string) =>
  new Intl.DateTimeFormat(locale, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: TIME_ZONE,
    ...(locale.startsWith('fr') ? { hourCycle: 'h23' as const } : {}),
  }).format(at);

test('a sync the bank could not answer says when Passbook tries again, at the reader’s hour', async ({
  page,
}) => {
  const retryAt = await linkWhoseRefreshFails(page);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Flinks Capital is unavailable for now');
  await expect(alert).toContainText(`We will try again tomorrow at ${clock(retryAt, 'en-CA')}.`);
  await expectAccessible(page, 'retry time');
});

test('in French, the next try is told in 24-hour time', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /français/i }).click();
  const retryAt = await linkWhoseRefreshFails(page);
  const expected = `Nous réessaierons demain à ${clock(retryAt, 'fr-CA')}.`;
  expect(expected).toMatch(/à \d{1,2}\sh\s\d{2}\.$/);
  await expect(page.getByRole('alert')).toContainText(expected);
});
