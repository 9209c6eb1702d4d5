import { expect, test } from '@playwright/test';
import { chooseInstitution, openConnect, submitCredentials } from '../../support/connect.ts';
import { SANDBOX_URL } from '../../support/env.ts';

test('removing a bank while its retrieval runs stops the retrieval and removes the bank, here and at Flinks', async ({
  page,
  request,
}) => {
  let loginId = '';
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/links')
      loginId = r.postDataJSON().loginId;
  });
  await page.goto('/');
  // A slow bank: its first retrieval keeps running while the person changes their mind.
  const frame = await openConnect(page);
  await chooseInstitution(frame);
  await submitCredentials(frame, 'test_pending');
  const bank = page.getByRole('region', { name: 'Flinks Capital' });
  await expect(bank.getByRole('progressbar', { name: 'Connecting Flinks Capital' })).toBeVisible();

  await bank.getByRole('button', { name: 'Remove Flinks Capital' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove Flinks Capital?' });
  await expect(dialog).toContainText('The retrieval under way will be stopped.');
  await dialog.getByRole('button', { name: 'Remove Flinks Capital' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
  ).toBeVisible();
  await expect(page.getByText('Reload the page and try again.')).toHaveCount(0);
  await page.reload();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Bring your bank accounts together' }),
  ).toBeVisible();

  // Flinks holds the stopped retrieval's session a little longer: DeleteCard is asked until it lets go.
  const deleteCardStatuses = async () => {
    const calls = await request.get(`${SANDBOX_URL}/__sandbox/calls`, {
      params: { endpoint: 'DeleteCard', loginId },
    });
    return ((await calls.json()) as { status: number }[]).map((call) => call.status);
  };
  await expect.poll(deleteCardStatuses).toContain(200);
});
