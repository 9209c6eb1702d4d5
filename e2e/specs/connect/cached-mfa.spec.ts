import { expect, test } from '@playwright/test';
import {
  answerSecurityQuestions,
  chooseInstitution,
  connectFrame,
  openConnect,
  submitCredentials,
} from '../../support/connect.ts';
import { SANDBOX_URL } from '../../support/env.ts';

/** A user of its own, so that the fault armed here touches no spec running beside this one. */
const USERNAME = 'test_mfa_all';

test.describe('linking a first bank whose cached authorisation asks MFA', () => {
  test('Connect reopens for the security questions, and the answers finish the link', async ({
    page,
    request,
  }) => {
    // Real Flinks may answer the cached Authorize that follows Connect's REDIRECT with 203.
    const armed = await request.post(`${SANDBOX_URL}/__sandbox/faults`, {
      data: { endpoint: 'Authorize', kind: 'mfa', username: USERNAME },
    });
    expect(armed.status()).toBe(201);

    await page.goto('/');
    const frame = await openConnect(page);
    await chooseInstitution(frame);
    await submitCredentials(frame, USERNAME);
    await answerSecurityQuestions(frame);

    // The server's cached authorisation was asked for MFA: Connect reopens by itself, saying why.
    await expect(
      page.getByRole('heading', { level: 1, name: 'Answer your bank’s security question' }),
    ).toBeVisible();
    await answerSecurityQuestions(connectFrame(page));

    await expect(page.getByRole('heading', { level: 1, name: 'Your accounts' })).toBeVisible();
    const bank = page.getByRole('region', { name: 'Flinks Capital' });
    await expect(bank.getByRole('link', { name: /Chequing CAD/ })).toBeVisible();
    await expect(bank.getByText('Connected', { exact: true })).toBeVisible();
    await expect(bank.getByText(/^Last updated/)).toBeVisible();
  });
});
