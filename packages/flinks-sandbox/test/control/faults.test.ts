import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.ts';
import { type Flinks, startSandbox } from '../helpers.ts';

let sandbox: Sandbox;
let flinks: Flinks;

beforeAll(async () => {
  ({ sandbox, flinks } = await startSandbox());
});
afterEach(() => sandbox.control.clearFaults());
afterAll(() => sandbox.close());

const tokenCall = () =>
  flinks.call('POST', 'GenerateAuthorizeToken', { headers: { 'flinks-auth-key': sandbox.secretKey } });

describe('faults', () => {
  it('status: answers 503 with a plain body for the next N calls of the endpoint, then normally', async () => {
    await sandbox.control.injectFault({ endpoint: 'GenerateAuthorizeToken', kind: 'status', count: 2 });
    const answers = [await tokenCall(), await tokenCall(), await tokenCall()];
    expect(answers.map((answer) => answer.status)).toEqual([503, 503, 200]);
    expect(answers[0]?.headers.get('content-type')).toContain('text/plain');
    expect(answers[0]?.body).toBeNull();
  });

  it('status: answers the chosen status', async () => {
    await sandbox.control.injectFault({ endpoint: 'GenerateAuthorizeToken', kind: 'status', status: 502 });
    expect((await tokenCall()).status).toBe(502);
  });

  it('flinks: answers a Flinks error with its code and usual status', async () => {
    await sandbox.control.injectFault({ endpoint: 'Authorize', kind: 'flinks', flinksCode: 'RETRY_LATER' });
    const { loginId } = await flinks.connect('greatday_nomfa').catch(() => ({ loginId: '' }));
    expect(loginId).toBe('');
    const calls = await sandbox.control.calls({ endpoint: 'Authorize' });
    expect(calls.at(-1)).toMatchObject({ status: 401, faulted: 'flinks' });
  });

  it('loginId: only the calls naming that LoginId suffer the fault or use it up', async () => {
    const mine = await flinks.connect('greatday_nomfa');
    const theirs = await flinks.connect('greatday_nomfa');
    await sandbox.control.injectFault({
      endpoint: 'Authorize',
      kind: 'flinks',
      flinksCode: 'DISABLED_INSTITUTION',
      loginId: mine.loginId.toUpperCase(),
    });
    const other = await flinks.authorize({ LoginId: theirs.loginId, MostRecentCached: true });
    expect(other.status).toBe(200);
    const faulted = await flinks.authorize({ LoginId: mine.loginId, MostRecentCached: true });
    expect(faulted.body.FlinksCode).toBe('DISABLED_INSTITUTION');
    expect(faulted.status).toBeGreaterThanOrEqual(400);
    expect((await flinks.authorize({ LoginId: mine.loginId, MostRecentCached: true })).status).toBe(200);
    const refused = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: 'Authorize', kind: 'status', loginId: 42 }),
    });
    expect(refused.status).toBe(400);
  });

  it('a faulted call does not reach the endpoint: the authorize token is still unused', async () => {
    const { loginId } = await flinks.connect('greatday_nomfa');
    const token = await flinks.token();
    await sandbox.control.injectFault({
      endpoint: 'Authorize',
      kind: 'flinks',
      flinksCode: 'AGGREGATION_ERROR',
      message: 'boom',
    });
    const body = { LoginId: loginId, MostRecentCached: true };
    const faulted = await flinks.call('POST', 'Authorize', { body, headers: { 'flinks-auth-key': token } });
    expect(faulted.status).toBe(500);
    expect(faulted.body).toMatchObject({
      HttpStatusCode: 500,
      FlinksCode: 'AGGREGATION_ERROR',
      Message: 'boom',
    });
    const retried = await flinks.call('POST', 'Authorize', { body, headers: { 'flinks-auth-key': token } });
    expect(retried.status).toBe(200);
  });

  it('hang: never answers, so the client times out; the call log shows status 0', async () => {
    await sandbox.control.injectFault({ endpoint: 'GenerateAuthorizeToken', kind: 'hang' });
    const call = fetch(`${flinks.base}/GenerateAuthorizeToken`, {
      method: 'POST',
      headers: { 'flinks-auth-key': sandbox.secretKey },
      signal: AbortSignal.timeout(300),
    });
    await expect(call).rejects.toThrow();
    const last = (await sandbox.control.calls({ endpoint: 'GenerateAuthorizeToken' })).at(-1);
    expect(last).toMatchObject({ status: 0, faulted: 'hang' });
    expect((await tokenCall()).status).toBe(200);
  });

  it('hang with hangMs: answers normally that much later', async () => {
    await sandbox.control.injectFault({ endpoint: 'GenerateAuthorizeToken', kind: 'hang', hangMs: 120 });
    const started = Date.now();
    const answer = await tokenCall();
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('drop: destroys the connection without an answer', async () => {
    await sandbox.control.injectFault({ endpoint: 'GenerateAuthorizeToken', kind: 'drop' });
    await expect(tokenCall()).rejects.toThrow();
    expect((await sandbox.control.calls({ endpoint: 'GenerateAuthorizeToken' })).at(-1)).toMatchObject({
      status: 0,
      faulted: 'drop',
    });
  });

  it('malformed: 200 whose body is not JSON, or JSON of the wrong shape', async () => {
    await sandbox.control.injectFault({ endpoint: 'GenerateAuthorizeToken', kind: 'malformed' });
    const broken = await tokenCall();
    expect(broken.status).toBe(200);
    expect(() => JSON.parse(broken.text)).toThrow();
    await sandbox.control.injectFault({
      endpoint: 'GenerateAuthorizeToken',
      kind: 'malformed',
      variant: 'wrong-shape',
    });
    const wrong = await tokenCall();
    expect(wrong.status).toBe(200);
    expect(typeof wrong.body.Token).not.toBe('string');
  });

  it("'*' applies to any endpoint; endpoint names match without regard to case", async () => {
    await sandbox.control.injectFault({ endpoint: '*', kind: 'status', status: 500 });
    expect((await flinks.detailAsync('3fa391bc-bc52-4424-82c5-8662600df9b2')).status).toBe(500);
    await sandbox.control.injectFault({ endpoint: 'getaccountsdetailasync', kind: 'status', status: 504 });
    expect((await tokenCall()).status).toBe(200);
    expect((await flinks.detailAsync('3fa391bc-bc52-4424-82c5-8662600df9b2')).status).toBe(504);
  });

  it('faults are listed while armed and cleared by clearFaults', async () => {
    await sandbox.control.injectFault({ endpoint: 'Authorize', kind: 'drop', count: 3 });
    expect(await sandbox.control.faults()).toEqual([
      { endpoint: 'Authorize', kind: 'drop', count: 3, remaining: 3 },
    ]);
    await sandbox.control.clearFaults();
    expect(await sandbox.control.faults()).toEqual([]);
  });

  it('refuses a fault it cannot apply', async () => {
    await expect(
      sandbox.control.injectFault({ endpoint: 'Authorize', kind: 'explode' as 'drop' }),
    ).rejects.toThrow(/kind must be one of/);
    await expect(
      sandbox.control.injectFault({ endpoint: 'Authorize', kind: 'status', count: 0 }),
    ).rejects.toThrow(/count/);
  });
});

describe('call log', () => {
  it('records every Flinks call with its endpoint, path, status, RequestId and LoginId', async () => {
    await sandbox.control.clearCalls();
    const { loginId, requestId } = await flinks.connect('greatday_nomfa');
    await flinks.detail(requestId);
    await flinks.call('GET', 'NoSuchEndpoint');
    const calls = await sandbox.control.calls();
    expect(calls.map((call) => [call.method, call.endpoint, call.status])).toEqual([
      ['POST', 'GenerateAuthorizeToken', 200],
      ['POST', 'Authorize', 200],
      ['POST', 'GetAccountsDetail', 200],
      ['GET', 'Unknown', 404],
    ]);
    expect(calls[1]).toMatchObject({ requestId, loginId });
    expect(calls[2]).toMatchObject({
      requestId,
      loginId,
      path: `/v3/${sandbox.customerId}/BankingServices/GetAccountsDetail`,
    });
    expect(calls.map((call) => call.seq)).toEqual([...calls.map((call) => call.seq)].sort((a, b) => a - b));
    expect(await sandbox.control.calls({ endpoint: 'getaccountsdetail' })).toHaveLength(1);
    expect(await sandbox.control.calls({ loginId })).toHaveLength(2);
    await sandbox.control.clearCalls();
    expect(await sandbox.control.calls()).toEqual([]);
  });

  it('does not log the control surface or the Connect page', async () => {
    await sandbox.control.clearCalls();
    await sandbox.control.settings();
    await fetch(`${sandbox.url}/v2/`);
    expect(await sandbox.control.calls()).toEqual([]);
  });
});

describe('control surface', () => {
  it('answers a health probe', async () => {
    const response = await fetch(`${sandbox.url}/__sandbox/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('configure validates settings', async () => {
    await expect(sandbox.control.configure({ processingMs: -1 })).rejects.toThrow(/processingMs/);
    await expect(
      sandbox.control.configure({ webhook: { url: 'ftp://nowhere', secret: 's' } }),
    ).rejects.toThrow(/webhook.url/);
  });

  it('never hands out the webhook secret: the settings show it redacted, before and after a change', async () => {
    const secret = 'sandbox-webhook-secret-never-shown';
    const changed = await fetch(`${sandbox.url}/__sandbox/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ webhook: { url: 'http://127.0.0.1:9/hook', secret } }),
    }).then((response) => response.text());
    const read = await fetch(`${sandbox.url}/__sandbox/settings`).then((response) => response.text());
    try {
      expect(changed).not.toContain(secret);
      expect(read).not.toContain(secret);
      expect(JSON.parse(read).webhook).toMatchObject({
        url: 'http://127.0.0.1:9/hook',
        secret: '[redacted]',
      });
    } finally {
      await sandbox.control.configure({ webhook: null });
    }
  });

  it('createLogin makes a LoginId that /Authorize accepts, for known test users only', async () => {
    const { loginId } = await sandbox.control.createLogin('GREATDAY');
    const answer = await flinks.authorize({ LoginId: loginId, MostRecentCached: true });
    expect(answer.status).toBe(200);
    expect(answer.body.Login.Username).toBe('GREATDAY');
    await expect(sandbox.control.createLogin('nobody')).rejects.toThrow(/no test user/);
  });

  it('users lists the test users with their passwords and answers', async () => {
    const users = await sandbox.control.users();
    const greatday = users.find((user) => user.username === 'Greatday');
    expect(greatday?.questions[0]).toMatchObject({
      prompt: 'What city were you born in?',
      answer: 'Montreal',
    });
    expect(users.map((user) => user.username)).toEqual(
      expect.arrayContaining(['greatday_nomfa', 'test_pending', 'test_dispatched', 'test_large_history']),
    );
  });

  it('reset forgets logins, faults and calls, and restores the settings of the options', async () => {
    const { loginId } = await flinks.connect('greatday_nomfa');
    await sandbox.control.injectFault({ endpoint: 'Authorize', kind: 'drop' });
    await sandbox.control.configure({ processingMs: 1234 });
    await sandbox.control.reset();
    expect(await sandbox.control.faults()).toEqual([]);
    expect(await sandbox.control.calls()).toEqual([]);
    expect((await sandbox.control.settings()).processingMs).toBe(0);
    const answer = await flinks.authorize({ LoginId: loginId, MostRecentCached: true });
    expect(answer.body.FlinksCode).toBe('INVALID_LOGIN');
  });
});
