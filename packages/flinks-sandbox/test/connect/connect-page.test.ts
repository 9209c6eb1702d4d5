/**
 * The Connect page in Chromium, embedded in a page of another origin that records the messages it receives,
 * as an integrating app would embed Flinks Connect.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.ts';
import { ANSWERS, type Flinks, startSandbox } from '../helpers.ts';

let sandbox: Sandbox;
let flinks: Flinks;
let browser: Browser;
let context: BrowserContext;
let parent: Server;
let parentOrigin: string;

const PARENT_PAGE = (src: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Integrator</title></head><body>
<script>
  window.messages = [];
  window.addEventListener('message', (event) => window.messages.push({ origin: event.origin, data: event.data }));
</script>
<iframe id="connect" title="Flinks Connect" src="${src.replace(/"/g, '&quot;')}" width="480" height="760"></iframe>
</body></html>`;

beforeAll(async () => {
  ({ sandbox, flinks } = await startSandbox());
  parent = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://parent.invalid');
    response.setHeader('content-type', 'text/html; charset=utf-8');
    if (url.pathname === '/parent') response.end(PARENT_PAGE(url.searchParams.get('src') ?? ''));
    else response.end('<!doctype html><title>Redirected</title><h1>Back in the app</h1>');
  });
  await new Promise<void>((resolve) => parent.listen(0, '127.0.0.1', resolve));
  parentOrigin = `http://127.0.0.1:${(parent.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  context = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => parent?.close(resolve));
  await sandbox?.close();
});

interface Message {
  origin: string;
  data: unknown;
}

/** Opens the parent page embedding Connect with these query parameters (an authorize token is added). */
async function openConnect(
  query: Record<string, string>,
  token?: string,
): Promise<{ page: Page; frame: FrameLocator; token: string }> {
  const authorizeToken = token ?? (await flinks.token());
  // Consent comes first unless turned off: the tests that are not about it turn it off.
  const src = `${sandbox.connectUrl}?${new URLSearchParams({ authorizeToken, consentEnable: 'false', ...query })}`;
  const page = await context.newPage();
  await page.goto(`${parentOrigin}/parent?src=${encodeURIComponent(src)}`);
  return { page, frame: page.frameLocator('#connect'), token: authorizeToken };
}

const messages = (page: Page): Promise<Message[]> =>
  page.evaluate(() => (globalThis as unknown as { messages: Message[] }).messages);

const steps = async (page: Page) =>
  (await messages(page)).map((message) => {
    const data = message.data as { step?: string; flinksCode?: string };
    return data.step ?? `error:${data.flinksCode}`;
  });

async function waitForStep(page: Page, step: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      (globalThis as unknown as { messages: Message[] }).messages.some((message) => {
        const data = typeof message.data === 'string' ? JSON.parse(message.data) : message.data;
        return (
          (data as { step?: string; flinksCode?: string }).step === wanted ||
          `error:${data.flinksCode}` === wanted
        );
      }),
    step,
  );
}

async function signIn(frame: FrameLocator, username: string, password = 'Everyday'): Promise<void> {
  await frame.getByLabel('Username').fill(username);
  await frame.getByLabel('Password').fill(password);
  await frame.getByRole('button', { name: 'Continue' }).click();
}

/** Greatday is asked one of three questions: answer whichever the page shows (rightly, or with `answer`). */
async function answerSecurityQuestion(frame: FrameLocator, answer?: string): Promise<void> {
  const prompts = Object.keys(ANSWERS);
  await frame.getByLabel(new RegExp(prompts.map((prompt) => prompt.replace('?', '\\?')).join('|'))).waitFor();
  for (const prompt of prompts) {
    const field = frame.getByLabel(prompt);
    if ((await field.count()) > 0) await field.fill(answer ?? ANSWERS[prompt] ?? '');
  }
}

describe('Connect page', () => {
  it('walks institution, consent, credentials, MFA and account selection, posting every step, then REDIRECT', async () => {
    const redirectUrl = `${parentOrigin}/done`;
    const { page, frame } = await openConnect({
      demo: 'true',
      consentEnable: 'true',
      institutionFilterEnable: 'true',
      accountSelectorEnable: 'true',
      headerEnable: 'true',
      redirectUrl,
      innerRedirect: 'true',
      tag: 'user 7',
    });
    await frame.getByRole('button', { name: 'Accept' }).click();
    await frame.getByLabel('Search for your institution').fill('flinks');
    await expect(frame.getByRole('button', { name: /RBC/ }).count()).resolves.toBe(0);
    await frame.getByRole('button', { name: 'Flinks Capital' }).click();
    await signIn(frame, 'Greatday');
    await answerSecurityQuestion(frame);
    await frame.getByRole('button', { name: 'Continue' }).click();
    await frame.getByRole('radio', { name: /Savings CAD/ }).check();
    await frame.getByRole('button', { name: 'Continue' }).click();
    await waitForStep(page, 'REDIRECT');

    expect(await steps(page)).toEqual([
      'APP_MOUNTED',
      'COMPONENT_LOAD_CONSENT',
      'COMPONENT_ACCEPT_CONSENT',
      'COMPONENT_ACCEPT_TERMS',
      'COMPONENT_LOAD_INSTITUTION_SELECTOR',
      'INSTITUTION_SELECTED',
      'COMPONENT_LOAD_CREDENTIAL',
      'SUBMIT_CREDENTIAL',
      'COMPONENT_LOAD_MFA',
      'SUBMIT_MFA',
      'COMPONENT_LOAD_ACCOUNT_SELECTION',
      'ACCOUNT_SELECTED',
      'REDIRECT',
    ]);
    const all = await messages(page);
    expect(new Set(all.map((message) => message.origin))).toEqual(new Set([sandbox.url]));
    expect(all[5]?.data).toMatchObject({ institution: 'FlinksCapital' });
    expect(all[8]?.data).toMatchObject({ mfaTypes: ['QuestionAndAnswer'] });
    expect(all[10]?.data).toMatchObject({ totalAccounts: 8, displayedAccounts: 4 });
    const redirect = all.at(-1)?.data as Record<string, string>;
    const selected = all[11]?.data as { accountId: string };
    expect(redirect).toMatchObject({
      step: 'REDIRECT',
      institution: 'FlinksCapital',
      loginId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      accountId: selected.accountId,
    });
    const url = new URL(redirect.url ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(redirectUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      loginId: redirect.loginId,
      institution: 'FlinksCapital',
      tag: 'user 7',
      accountId: selected.accountId,
    });

    // innerRedirect: the iframe itself goes to the redirect URL; the parent stays.
    await expect
      .poll(() => page.frames().some((f) => f.url().startsWith(`${redirectUrl}?loginId=`)))
      .toBe(true);
    expect(page.url()).toContain('/parent');

    const cached = await flinks.authorize({ LoginId: redirect.loginId, MostRecentCached: true });
    expect(cached.status).toBe(200);
    expect(cached.body.Login.Username).toBe('Greatday');
    await page.close();
  });

  it('refuses to start without a valid unused authorizeToken, and consumes the token on load', async () => {
    const first = await openConnect({ demo: 'true' });
    await first.frame.getByRole('button', { name: 'Flinks Capital' }).waitFor();
    await first.page.close();

    const reused = await openConnect({ demo: 'true' }, first.token);
    await reused.frame.getByRole('heading', { name: 'This connection link cannot be used' }).waitFor();
    await waitForStep(reused.page, 'error:UNAUTHORIZED');
    expect(await steps(reused.page)).toEqual(['APP_MOUNTED', 'error:UNAUTHORIZED']);
    expect(await reused.frame.getByRole('button', { name: 'Flinks Capital' }).count()).toBe(0);
    await reused.page.close();

    const page = await context.newPage();
    await page.goto(`${parentOrigin}/parent?src=${encodeURIComponent(`${sandbox.connectUrl}?demo=true`)}`);
    await page
      .frameLocator('#connect')
      .getByRole('heading', { name: 'This connection link cannot be used' })
      .waitFor();
    await page.close();
  });

  it('posts JSON strings with stringify=true and navigates the top window to redirectUrl', async () => {
    const redirectUrl = `${parentOrigin}/done`;
    const { page, frame } = await openConnect({ demo: 'true', stringify: 'true', redirectUrl });
    await frame.getByRole('button', { name: 'Flinks Capital' }).click();
    await signIn(frame, 'greatday_nomfa');
    await page.waitForURL((url) => url.pathname === '/done');
    const target = new URL(page.url());
    expect(target.searchParams.get('institution')).toBe('FlinksCapital');
    const loginId = target.searchParams.get('loginId') ?? '';
    expect((await flinks.authorize({ LoginId: loginId, MostRecentCached: true })).status).toBe(200);
    await page.close();
  });

  it('sends every event as a JSON string when stringify=true', async () => {
    const { page, frame } = await openConnect({ demo: 'true', stringify: 'true' });
    await frame.getByRole('button', { name: 'Flinks Capital' }).click();
    await signIn(frame, 'greatday_nomfa');
    await waitForStep(page, 'REDIRECT');
    const all = await messages(page);
    expect(all.every((message) => typeof message.data === 'string')).toBe(true);
    const parsed = all.map((message) => JSON.parse(message.data as string));
    expect(parsed.map((event) => event.step)).toEqual([
      'APP_MOUNTED',
      'COMPONENT_LOAD_INSTITUTION_SELECTOR',
      'INSTITUTION_SELECTED',
      'COMPONENT_LOAD_CREDENTIAL',
      'SUBMIT_CREDENTIAL',
      'REDIRECT',
    ]);
    expect(parsed.at(-1)).toMatchObject({ loginId: expect.any(String), institution: 'FlinksCapital' });
    await page.close();
  });

  it('shows an error screen with a retry for an error user, posting the error event', async () => {
    const { page, frame } = await openConnect({ demo: 'true' });
    await frame.getByRole('button', { name: 'Flinks Capital' }).click();
    await signIn(frame, 'test_disabled_account');
    await frame.getByRole('heading', { name: 'We could not connect your account' }).waitFor();
    await waitForStep(page, 'error:DISABLED_LOGIN');
    const error = (await messages(page)).at(-1)?.data;
    expect(error).toEqual({
      flinksCode: 'DISABLED_LOGIN',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      institution: 'FlinksCapital',
    });
    await frame.getByRole('button', { name: 'Try again' }).click();
    await frame.getByLabel('Username').waitFor();
    // The page posts its step after showing it: wait for the message, then check it came last.
    await waitForStep(page, 'COMPONENT_LOAD_CREDENTIAL_RETRY');
    expect((await steps(page)).at(-1)).toBe('COMPONENT_LOAD_CREDENTIAL_RETRY');
    await signIn(frame, 'test_service_unavailable');
    await waitForStep(page, 'error:RETRY_LATER');
    await page.close();
  });

  it('retries wrong credentials and MFA answers, and stops at maximumRetry', async () => {
    const { page, frame } = await openConnect({ demo: 'true', maximumRetry: '2' });
    await frame.getByRole('button', { name: 'Flinks Capital' }).click();
    await signIn(frame, 'Greatday', 'wrong');
    await frame.getByRole('alert').waitFor();
    await signIn(frame, 'Greatday');
    await answerSecurityQuestion(frame, 'Paris');
    await frame.getByRole('button', { name: 'Continue' }).click();
    await waitForStep(page, 'COMPONENT_LOAD_MFA_RETRY');
    await answerSecurityQuestion(frame, 'Lyon');
    await frame.getByRole('button', { name: 'Continue' }).click();
    await frame.getByRole('heading', { name: 'Too many attempts' }).waitFor();
    await waitForStep(page, 'MAXIMUM_RETRY_REACHED');
    expect(await steps(page)).toEqual([
      'APP_MOUNTED',
      'COMPONENT_LOAD_INSTITUTION_SELECTOR',
      'INSTITUTION_SELECTED',
      'COMPONENT_LOAD_CREDENTIAL',
      'SUBMIT_CREDENTIAL',
      'error:INVALID_PASSWORD',
      'COMPONENT_LOAD_CREDENTIAL_RETRY',
      'SUBMIT_CREDENTIAL',
      'COMPONENT_LOAD_MFA',
      'SUBMIT_MFA',
      'error:INVALID_SECURITY_RESPONSE',
      'COMPONENT_LOAD_MFA_RETRY',
      'SUBMIT_MFA',
      'error:INVALID_SECURITY_RESPONSE',
      'MAXIMUM_RETRY_REACHED',
    ]);
    await page.close();
  });

  it('resumes a session challenged by a live Authorize (requestId) straight at its questions', async () => {
    const { loginId } = await sandbox.control.createLogin('Greatday');
    const before = await flinks.authorize({ LoginId: loginId, MostRecentCached: true });
    const live = await flinks.authorize({ LoginId: loginId, MostRecentCached: false });
    expect(live.status).toBe(203);
    const { page, frame } = await openConnect({ requestId: live.body.RequestId });
    const prompt: string = live.body.SecurityChallenges[0].Prompt;
    await frame.getByLabel(prompt).fill(ANSWERS[prompt] ?? '');
    await frame.getByRole('button', { name: 'Continue' }).click();
    await waitForStep(page, 'REDIRECT');
    expect(await steps(page)).toEqual(['APP_MOUNTED', 'COMPONENT_LOAD_MFA', 'SUBMIT_MFA', 'REDIRECT']);
    expect((await messages(page)).at(-1)?.data).toMatchObject({ loginId, requestId: live.body.RequestId });
    const after = await flinks.authorize({ LoginId: loginId, MostRecentCached: true });
    expect(after.body.Login.LastRefresh > before.body.Login.LastRefresh).toBe(true);
    await page.close();
  });

  it('answers a MultipleChoice question with radio buttons', async () => {
    const { page, frame } = await openConnect({ demo: 'true' });
    await frame.getByRole('button', { name: 'Flinks Capital' }).click();
    await signIn(frame, 'test_mfa_choice');
    await frame.getByRole('radio', { name: 'Triangle' }).check();
    await frame.getByRole('button', { name: 'Continue' }).click();
    await waitForStep(page, 'REDIRECT');
    await page.close();
  });

  it('speaks French with language=fr and closes with COMPONENT_CLOSE_SESSION', async () => {
    const { page, frame } = await openConnect({ demo: 'true', language: 'fr', closeEnable: 'true' });
    await frame.getByRole('heading', { name: 'Sélectionnez votre institution' }).waitFor();
    await frame.getByRole('button', { name: 'Flinks Capital' }).click();
    await frame.getByLabel("Nom d'utilisateur").fill('greatday_nomfa');
    await frame.getByLabel('Mot de passe').fill('Everyday');
    await frame.getByRole('button', { name: 'Fermer' }).click();
    await frame.getByRole('heading', { name: 'Connexion annulée' }).waitFor();
    await waitForStep(page, 'COMPONENT_CLOSE_SESSION');
    expect((await steps(page)).at(-1)).toBe('COMPONENT_CLOSE_SESSION');
    expect(await frame.locator('html').getAttribute('lang')).toBe('fr');
    await page.close();
  });

  it('without demo=true lists no test institution; a real bank answers DISABLED_INSTITUTION', async () => {
    const { page, frame } = await openConnect({});
    await frame.getByRole('button', { name: 'RBC Royal Bank' }).click();
    await waitForStep(page, 'DISABLED_INSTITUTION');
    expect(await frame.getByRole('button', { name: 'Flinks Capital' }).count()).toBe(0);
    await page.close();
  });

  it('shows consent by default, before the institution list, with the header; consentEnable=false removes it', async () => {
    const { page, frame } = await openConnect({ demo: 'true', consentEnable: '' });
    await frame.getByRole('heading', { name: 'Share your financial data' }).waitFor();
    await expect(frame.getByRole('button', { name: 'Flinks Capital' }).count()).resolves.toBe(0);
    await expect(frame.locator('#header').isVisible()).resolves.toBe(true);
    await frame.getByRole('button', { name: 'Decline' }).click();
    await frame.getByRole('button', { name: 'Back' }).click();
    await frame.getByRole('button', { name: 'Accept' }).click();
    await frame.getByRole('button', { name: 'Flinks Capital' }).waitFor();
    expect(await steps(page)).toEqual([
      'APP_MOUNTED',
      'COMPONENT_LOAD_CONSENT',
      'COMPONENT_DENY_CONSENT',
      'COMPONENT_DENY_TERMS',
      'COMPONENT_LOAD_CONSENT',
      'COMPONENT_ACCEPT_CONSENT',
      'COMPONENT_ACCEPT_TERMS',
      'COMPONENT_LOAD_INSTITUTION_SELECTOR',
    ]);
    await page.close();
    const off = await openConnect({ demo: 'true', consentEnable: 'false', headerEnable: 'false' });
    await off.frame.getByRole('button', { name: 'Flinks Capital' }).waitFor();
    await expect(off.frame.locator('#header').isVisible()).resolves.toBe(false);
    await off.page.close();
  });

  it('gives the documented parameters their visible effect and posts the documented events', async () => {
    const { page, frame } = await openConnect({
      demo: 'true',
      consentEnable: 'true',
      theme: 'dark',
      customerName: 'Passbook',
      termsUrl: `${parentOrigin}/terms`,
      backEnable: 'true',
      enhancedMFA: 'true',
      accountSelectorEnable: 'true',
      accountSelectorMultiple: 'true',
      showAllAccounts: 'true',
    });
    await frame.getByText('Passbook would like to read your account balances').waitFor();
    await expect(frame.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await frame.getByRole('link', { name: 'Terms and conditions' }).click();
    await frame.getByRole('button', { name: 'Accept' }).click();
    await frame.getByRole('button', { name: 'Flinks Capital' }).click();
    await frame.getByRole('button', { name: 'Back' }).click();
    await frame.getByRole('button', { name: 'Flinks Capital' }).click();
    await frame.getByRole('button', { name: 'Forgot your password?' }).click();
    await signIn(frame, 'Greatday');
    await frame.getByRole('button', { name: 'Why am I asked this?' }).click();
    await frame.getByRole('button', { name: 'Having trouble?' }).click();
    await answerSecurityQuestion(frame);
    await frame.getByRole('button', { name: 'Continue' }).click();
    // Every account is offered (showAllAccounts), several may be chosen (accountSelectorMultiple).
    await frame.getByRole('checkbox').first().waitFor();
    await expect(frame.getByRole('checkbox').count()).resolves.toBe(8);
    await frame.getByRole('checkbox', { name: /Savings CAD/ }).check();
    await frame.getByRole('button', { name: 'Continue' }).click();
    await waitForStep(page, 'REDIRECT');
    const posted = await steps(page);
    for (const step of [
      'COMPONENT_CLICK_TERMS_URL',
      'COMPONENT_CLICK_RESET_PASSWORD',
      'COMPONENT_HELP2FA_INFO',
      'COMPONENT_HELP2FA_TROUBLESHOOTING',
    ]) {
      expect(posted).toContain(step);
    }
    expect(posted.filter((step) => step === 'COMPONENT_LOAD_INSTITUTION_SELECTOR')).toHaveLength(2);
    expect(posted.filter((step) => step === 'ACCOUNT_SELECTED')).toHaveLength(2);
    await page.close();
  });

  it('with detailsAndStatementEnable says so on consent and gathers monthsOfStatements for GetStatements', async () => {
    const statementsOf = async (query: Record<string, string>, consent: string | null) => {
      const { page, frame } = await openConnect({ demo: 'true', consentEnable: 'true', ...query });
      await frame.getByRole('heading', { name: 'Share your financial data' }).waitFor();
      if (consent === null) {
        await expect(frame.getByText(/bank statement/).count()).resolves.toBe(0);
      } else {
        await frame.getByText(consent).waitFor();
      }
      await frame.getByRole('button', { name: 'Accept' }).click();
      await frame.getByRole('button', { name: 'Flinks Capital' }).click();
      await signIn(frame, 'greatday_nomfa');
      await waitForStep(page, 'REDIRECT');
      const redirect = (await messages(page)).at(-1)?.data as { loginId: string };
      await page.close();
      const requestId = await flinks.cached(redirect.loginId);
      const answer = await flinks.call('POST', 'GetStatements', {
        body: { RequestId: requestId },
        headers: { 'x-api-key': sandbox.apiKey },
      });
      expect(answer.status).toBe(200);
      return answer.body.StatementsByAccount[0].Statements.length;
    };
    await expect(
      statementsOf(
        { detailsAndStatementEnable: 'true', monthsOfStatements: 'Months12' },
        'It will also receive your bank statements of the last 12 months.',
      ),
    ).resolves.toBe(12);
    await expect(
      statementsOf(
        { detailsAndStatementEnable: 'true' },
        'It will also receive your bank statements of the last 3 months.',
      ),
    ).resolves.toBe(3);
    await expect(statementsOf({ monthsOfStatements: 'Months12' }, null)).resolves.toBe(1);
  });

  it('may be framed by any origin: no X-Frame-Options, no frame-ancestors', async () => {
    const response = await fetch(sandbox.connectUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('content-security-policy') ?? '').not.toContain('frame-ancestors');
    expect(await response.text()).toContain('/v2/connect.js');
  });
});
