import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.ts';
import { ANSWERS, type Flinks, startSandbox } from '../helpers.ts';

let sandbox: Sandbox;
let flinks: Flinks;
let apiKey: Record<string, string>;
let bearer: () => Record<string, string>;

beforeAll(async () => {
  ({ sandbox, flinks } = await startSandbox({ processingMs: 600_000 }));
  apiKey = { 'x-api-key': sandbox.apiKey };
  bearer = () => ({ authorization: `Bearer ${sandbox.secretKey}` });
});
afterAll(() => sandbox.close());

describe('DeleteCard', () => {
  it('removes a login: afterwards its LoginId is unknown to Authorize and to DeleteCard', async () => {
    const { loginId } = await flinks.connect('greatday_nomfa');
    await sandbox.control.expireSession({ loginId });
    const deleted = await flinks.call('DELETE', `DeleteCard/${loginId}`, { headers: apiKey });
    expect(deleted.status).toBe(200);
    expect(deleted.body.Message).toBe(`All of the information about LoginId ${loginId} has been removed`);
    const after = await flinks.authorize({ LoginId: loginId, MostRecentCached: true });
    expect([after.status, after.body.FlinksCode]).toEqual([401, 'INVALID_LOGIN']);
    const again = await flinks.call('DELETE', `DeleteCard/${loginId}`, { headers: apiKey });
    expect([again.status, again.body.FlinksCode]).toEqual([401, 'INVALID_LOGIN']);
  });

  it('answers 400 CARD_IN_USE while a session of the login is processing, and works once it completed', async () => {
    const { loginId, requestId } = await flinks.connect('greatday_nomfa');
    expect((await flinks.detail(requestId)).status).toBe(202);
    const busy = await flinks.call('DELETE', `DeleteCard/${loginId}`, { headers: apiKey });
    expect([busy.status, busy.body.FlinksCode]).toEqual([400, 'CARD_IN_USE']);
    await sandbox.control.configure({ processingMs: 0 });
    try {
      const deleted = await flinks.call('DELETE', `DeleteCard/${loginId}`, { headers: apiKey });
      expect(deleted.status).toBe(200);
      expect((await flinks.detail(requestId)).body.FlinksCode).toBe('SESSION_NONEXISTENT');
    } finally {
      await sandbox.control.configure({ processingMs: 600_000 });
    }
  });

  it('needs a key', async () => {
    const { loginId } = await flinks.connect('greatday_nomfa');
    const refused = await flinks.call('DELETE', `DeleteCard/${loginId}`);
    expect([refused.status, refused.body.FlinksCode]).toEqual([401, 'UNAUTHORIZED']);
  });
});

describe('MFA questions', () => {
  it('GetMFAQuestions lists the questions of an MFA login', async () => {
    const { loginId } = await sandbox.control.createLogin('Greatday');
    const answer = await flinks.call('GET', `GetMFAQuestions/${loginId}`, { headers: apiKey });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      Message: 'SUCCESS',
      Questions: [
        { Question: 'What city were you born in?' },
        { Question: 'What is the best country on earth?' },
        { Question: 'What shape do people like most?' },
      ],
    });
  });

  it('AnswerMFAQuestions stores answers that the next challenge then expects', async () => {
    const { loginId } = await sandbox.control.createLogin('Greatday');
    const updated = await flinks.call('PATCH', 'AnswerMFAQuestions', {
      headers: apiKey,
      body: {
        LoginId: loginId,
        Questions: Object.keys(ANSWERS).map((question) => ({ Question: question, Answer: 'Québec' })),
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.Message).toBe('Answers updated');

    const challenge = await flinks.authorize({ LoginId: loginId, MostRecentCached: false });
    const requestId = challenge.body.RequestId;
    const prompt: string = challenge.body.SecurityChallenges[0].Prompt;
    const old = await flinks.authorize({
      RequestId: requestId,
      SecurityResponses: { [prompt]: [ANSWERS[prompt] ?? ''] },
    });
    expect(old.body.FlinksCode).toBe('INVALID_SECURITY_RESPONSE');
    const stored = await flinks.authorize({
      RequestId: requestId,
      SecurityResponses: { [prompt]: ['Quebec'] },
    });
    expect(stored.status).toBe(200);
  });

  it('AnswerMFAQuestions refuses a question the login does not have', async () => {
    const { loginId } = await sandbox.control.createLogin('Greatday');
    const answer = await flinks.call('PATCH', 'AnswerMFAQuestions', {
      headers: apiKey,
      body: { LoginId: loginId, Questions: [{ Question: 'Favourite colour?', Answer: 'Blue' }] },
    });
    expect([answer.status, answer.body.FlinksCode]).toEqual([401, 'QUESTION_NOT_FOUND']);
  });
});

describe('nightly refresh', () => {
  it('SetScheduledRefresh sets IsScheduledRefresh, seen in the Login object', async () => {
    const { loginId } = await flinks.connect('greatday_nomfa');
    const set = await flinks.call('PATCH', 'SetScheduledRefresh', {
      headers: apiKey,
      body: { LoginId: loginId, IsActivated: true },
    });
    expect(set.status).toBe(200);
    expect(set.body.Message).toContain('activated for automatic refresh');
    const authorized = await flinks.authorize({ LoginId: loginId, MostRecentCached: true });
    expect(authorized.body.Login.IsScheduledRefresh).toBe(true);
  });

  it('GetNightlyRefreshStatus lists scheduled logins whose last refresh failed', async () => {
    const { loginId } = await sandbox.control.createLogin('test_service_unavailable', {
      scheduleRefresh: true,
    });
    const healthy = await sandbox.control.createLogin('greatday_nomfa', { scheduleRefresh: true });
    await flinks.authorize({ LoginId: loginId, MostRecentCached: false });
    const answer = await flinks.call('GET', 'GetNightlyRefreshStatus', { headers: bearer() });
    expect(answer.status).toBe(200);
    const ids = answer.body.IneligibleCards.map((card: { LoginId: string }) => card.LoginId);
    expect(ids).toContain(loginId);
    expect(ids).not.toContain(healthy.loginId);
    const card = answer.body.IneligibleCards.find((item: { LoginId: string }) => item.LoginId === loginId);
    expect(card.LastRefreshErrorCode).toBe('RETRY_LATER');
    const one = await flinks.call('GET', `GetNightlyRefreshStatus/${loginId}`, { headers: bearer() });
    expect(one.body.IneligibleCards.map((item: { LoginId: string }) => item.LoginId)).toEqual([loginId]);
  });

  it('GetNightlyRefreshStatus takes the secret key as a bearer token, not the x-api-key', async () => {
    const refused = await flinks.call('GET', 'GetNightlyRefreshStatus', { headers: apiKey });
    expect([refused.status, refused.body.FlinksCode]).toEqual([401, 'UNAUTHORIZED']);
    const wrong = await flinks.call('GET', 'GetNightlyRefreshStatus', {
      headers: { authorization: `Bearer ${sandbox.apiKey}` },
    });
    expect(wrong.status).toBe(401);
  });

  it.each(['GetMFAQuestions', 'GetNightlyRefreshStatus'])(
    '%s of an unknown login answers 400 INVALID_REQUEST naming it',
    async (endpoint) => {
      const unknown = '5602459c-f6d0-4ca0-6750-08dccdcadcc0';
      const answer = await flinks.call('GET', `${endpoint}/${unknown}`, {
        headers: { ...apiKey, ...bearer() },
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        HttpStatusCode: 400,
        FlinksCode: 'INVALID_REQUEST',
        Message: `The login '${unknown}' is invalid.`,
      });
    },
  );
  it('a changed bank password fails the nightly refresh and live Authorize, while cached data still answers', async () => {
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa', { scheduleRefresh: true });
    await sandbox.control.breakCredentials(loginId);
    const status = await flinks.call('GET', 'GetNightlyRefreshStatus', {
      headers: { ...apiKey, ...bearer() },
    });
    const card = status.body.IneligibleCards.find((item: { LoginId: string }) => item.LoginId === loginId);
    expect(card).toMatchObject({ LastRefreshState: 'Failed', LastRefreshErrorCode: 'INVALID_PASSWORD' });
    const live = await flinks.authorize({ LoginId: loginId, MostRecentCached: false });
    expect([live.status, live.body.FlinksCode]).toEqual([401, 'INVALID_PASSWORD']);
    const cached = await flinks.authorize({ LoginId: loginId, MostRecentCached: true });
    expect(cached.status).toBe(200);
    const unknown = await fetch(`${sandbox.url}/__sandbox/logins/${crypto.randomUUID()}/break-credentials`, {
      method: 'POST',
    });
    expect(unknown.status).toBe(404);
  });

  it('a password change breaks every login of that bank user, and no other', async () => {
    const first = await sandbox.control.createLogin('test_dispatched');
    const second = await sandbox.control.createLogin('test_dispatched');
    const other = await sandbox.control.createLogin('test_pending');
    const anotherPerson = await sandbox.control.createLogin('test_dispatched+2');
    expect(await sandbox.control.breakCredentialsOf('TEST_DISPATCHED')).toBe(2);
    expect(await sandbox.control.breakCredentialsOf('test_dispatched+2')).toBe(1);
    const again = await flinks.authorize({ LoginId: anotherPerson.loginId, MostRecentCached: false });
    expect(again.body.FlinksCode).toBe('INVALID_PASSWORD');
    for (const { loginId } of [first, second]) {
      const live = await flinks.authorize({ LoginId: loginId, MostRecentCached: false });
      expect(live.body.FlinksCode).toBe('INVALID_PASSWORD');
    }
    const untouched = await flinks.authorize({ LoginId: other.loginId, MostRecentCached: false });
    expect(untouched.body.FlinksCode).not.toBe('INVALID_PASSWORD');
  });
});
