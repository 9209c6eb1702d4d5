import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.ts';
import { ANSWERS, type Flinks, startSandbox } from '../helpers.ts';

let sandbox: Sandbox;
let flinks: Flinks;

beforeAll(async () => {
  ({ sandbox, flinks } = await startSandbox());
});
afterAll(() => sandbox.close());

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('GenerateAuthorizeToken', () => {
  it('issues a GUID token for the secret key', async () => {
    const answer = await flinks.call('POST', 'GenerateAuthorizeToken', {
      headers: { 'flinks-auth-key': sandbox.secretKey },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ HttpStatusCode: 200, Token: expect.stringMatching(GUID) });
  });

  it('refuses a wrong or missing secret with 401 UNAUTHORIZED', async () => {
    for (const headers of [{ 'flinks-auth-key': sandbox.apiKey }, {} as Record<string, string>]) {
      const answer = await flinks.call('POST', 'GenerateAuthorizeToken', { headers });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ HttpStatusCode: 401, FlinksCode: 'UNAUTHORIZED' });
    }
  });

  it('answers an unknown customerId with 401 UNAUTHORIZED', async () => {
    const response = await fetch(
      `${sandbox.url}/v3/00000000-0000-4000-8000-000000000000/BankingServices/GenerateAuthorizeToken`,
      { method: 'POST', headers: { 'flinks-auth-key': sandbox.secretKey } },
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ FlinksCode: 'UNAUTHORIZED' });
  });
});

describe('authorize tokens', () => {
  it('are single use: a reused token gets 401 UNAUTHORIZED', async () => {
    const { loginId } = await flinks.connect('greatday_nomfa');
    const token = await flinks.token();
    const body = { LoginId: loginId, MostRecentCached: true };
    const first = await flinks.call('POST', 'Authorize', { body, headers: { 'flinks-auth-key': token } });
    expect(first.status).toBe(200);
    const second = await flinks.call('POST', 'Authorize', { body, headers: { 'flinks-auth-key': token } });
    expect(second.status).toBe(401);
    expect(second.body).toMatchObject({
      HttpStatusCode: 401,
      FlinksCode: 'UNAUTHORIZED',
      Message: expect.stringContaining('authorize token'),
      Links: expect.any(Array),
      RequestId: null,
    });
  });

  it('are required: a missing or invented token gets 401 UNAUTHORIZED', async () => {
    const { loginId } = await flinks.connect('greatday_nomfa');
    const body = { LoginId: loginId, MostRecentCached: true };
    const missing = await flinks.call('POST', 'Authorize', { body });
    const invented = await flinks.call('POST', 'Authorize', {
      body,
      headers: { 'flinks-auth-key': '11111111-2222-4333-8444-555555555555' },
    });
    expect([missing.status, missing.body.FlinksCode]).toEqual([401, 'UNAUTHORIZED']);
    expect([invented.status, invented.body.FlinksCode]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('expire after tokenTtlMs', async () => {
    const { loginId } = await flinks.connect('greatday_nomfa');
    await sandbox.control.configure({ tokenTtlMs: 0 });
    try {
      const expired = await flinks.authorize({ LoginId: loginId, MostRecentCached: true });
      expect([expired.status, expired.body.FlinksCode]).toEqual([401, 'UNAUTHORIZED']);
    } finally {
      await sandbox.control.configure({ tokenTtlMs: 30 * 60_000 });
    }
    const fresh = await flinks.authorize({ LoginId: loginId, MostRecentCached: true });
    expect(fresh.status).toBe(200);
  });
});

describe('Authorize, direct login', () => {
  it('connects greatday_nomfa with 200, a new LoginId and the Login object of FLINKS.md', async () => {
    const answer = await flinks.authorize({
      Username: 'greatday_nomfa',
      Password: 'Everyday',
      Institution: 'FlinksCapital',
      MostRecentCached: false,
      Save: true,
      Tag: 'user-42',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      HttpStatusCode: 200,
      Institution: 'FlinksCapital',
      InstitutionName: 'FlinksCapital',
      InstitutionId: 14,
      RequestId: expect.stringMatching(GUID),
      Tag: 'user-42',
      Login: {
        Username: 'greatday_nomfa',
        IsScheduledRefresh: false,
        Type: 'Personal',
        Id: expect.stringMatching(GUID),
        LastRefresh: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/),
      },
    });
    expect(answer.body.Links.map((link: { rel: string }) => link.rel)).toContain('AccountsDetail');
  });

  it('gives a new LoginId to every connection, even of the same user', async () => {
    const first = await flinks.connect('greatday_nomfa');
    const second = await flinks.connect('greatday_nomfa');
    expect(first.loginId).not.toBe(second.loginId);
  });

  it('matches usernames without regard to case', async () => {
    const answer = await flinks.authorize({
      Username: 'GREATDAY_NOMFA',
      Password: 'Everyday',
      Institution: 'FlinksCapital',
    });
    expect(answer.status).toBe(200);
  });

  it('reads field names in any letter case, as Flinks binds them', async () => {
    const answer = await flinks.authorize({
      username: 'greatday_nomfa',
      password: 'Everyday',
      institution: 'FlinksCapital',
    });
    expect(answer.status).toBe(200);
  });

  it('answers a wrong password with 401 INVALID_PASSWORD and an unknown user with 401 INVALID_USERNAME', async () => {
    for (const [Username, Password, code] of [
      ['greatday_nomfa', 'Nope', 'INVALID_PASSWORD'],
      ['GREATDAY', 'everyday', 'INVALID_PASSWORD'],
      ['nobody', 'Everyday', 'INVALID_USERNAME'],
    ]) {
      const answer = await flinks.authorize({ Username, Password, Institution: 'FlinksCapital' });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ FlinksCode: code, Institution: 'FlinksCapital' });
    }
  });

  it('answers the error users with their Flinks errors', async () => {
    const cases = [
      ['test_disabled_account', 401, 'DISABLED_LOGIN'],
      ['test_service_unavailable', 401, 'RETRY_LATER'],
    ] as const;
    for (const [Username, status, code] of cases) {
      const answer = await flinks.authorize({ Username, Password: 'Everyday', Institution: 'FlinksCapital' });
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({
        HttpStatusCode: status,
        FlinksCode: code,
        Message: expect.any(String),
      });
      expect(answer.body).toHaveProperty('Links');
      expect(answer.body.RequestId).toMatch(GUID);
      expect((await flinks.detail(answer.body.RequestId)).body.FlinksCode).toBe('SESSION_NONEXISTENT');
    }
  });

  it('connects the pending, dispatched and large users without MFA', async () => {
    for (const username of ['test_pending', 'test_dispatched', 'test_large_history']) {
      const { loginId } = await flinks.connect(username);
      expect(loginId).toMatch(GUID);
    }
  });

  it('refuses another institution and a body without credentials with 401 INVALID_REQUEST', async () => {
    const other = await flinks.authorize({
      Username: 'greatday_nomfa',
      Password: 'Everyday',
      Institution: 'RBC',
    });
    expect([other.status, other.body.FlinksCode]).toEqual([401, 'INVALID_REQUEST']);
    const empty = await flinks.authorize({});
    expect([empty.status, empty.body.FlinksCode]).toEqual([401, 'INVALID_REQUEST']);
  });

  it('answers a body that is not JSON with 401 INVALID_REQUEST', async () => {
    const answer = await flinks.call('POST', 'Authorize', {
      raw: '{"Username": ',
      headers: { 'flinks-auth-key': await flinks.token() },
    });
    expect([answer.status, answer.body.FlinksCode]).toEqual([401, 'INVALID_REQUEST']);
  });
});

describe('Authorize, MFA', () => {
  async function challenge(username: string) {
    const answer = await flinks.authorize({
      Username: username,
      Password: 'Everyday',
      Institution: 'FlinksCapital',
    });
    expect(answer.status).toBe(203);
    return answer;
  }

  it('challenges Greatday with a 203 in the real shape: one of its three questions, no Iterables', async () => {
    const answer = await challenge('Greatday');
    expect(answer.body).toEqual({
      HttpStatusCode: 203,
      Links: [{ rel: 'Authorization', href: '/Authorize', example: null }],
      SecurityChallenges: [{ Type: 'QuestionAndAnswer', Prompt: expect.any(String) }],
      InstitutionName: 'FlinksCapital',
      InstitutionId: 14,
      Institution: 'FlinksCapital',
      RequestId: expect.stringMatching(GUID),
    });
    expect(Object.keys(ANSWERS)).toContain(answer.body.SecurityChallenges[0].Prompt);
  });

  it("draws Greatday's question from the RequestId, shown on the control surface, and all three in time", async () => {
    const prompts = new Set<string>();
    for (let i = 0; i < 24; i++) {
      const asked = await challenge('Greatday');
      const session = await sandbox.control.session(asked.body.RequestId);
      expect(session.challenges.map((question) => question.prompt)).toEqual([
        asked.body.SecurityChallenges[0].Prompt,
      ]);
      prompts.add(asked.body.SecurityChallenges[0].Prompt);
    }
    expect([...prompts].sort()).toEqual(Object.keys(ANSWERS).sort());
  });

  it('authorises a right answer (keys are prompts, values arrays) with 200 on the same RequestId', async () => {
    const asked = await challenge('Greatday');
    const answer = await flinks.authorize({
      RequestId: asked.body.RequestId,
      SecurityResponses: await sandbox.control.answersFor(asked.body.RequestId),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.RequestId).toBe(asked.body.RequestId);
    // A session opened with credentials learns its new LoginId from this answer.
    expect(answer.body.Login.Id).toMatch(GUID);
  });

  it('answers a wrong answer with 401 INVALID_SECURITY_RESPONSE and lets the user try again', async () => {
    const asked = await challenge('Greatday');
    const prompt: string = asked.body.SecurityChallenges[0].Prompt;
    const wrong = await flinks.authorize({
      RequestId: asked.body.RequestId,
      SecurityResponses: { [prompt]: ['Toronto'] },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({
      FlinksCode: 'INVALID_SECURITY_RESPONSE',
      RequestId: asked.body.RequestId,
    });
    // Answers compare without regard to case or accents.
    const right = await flinks.authorize({
      RequestId: asked.body.RequestId,
      SecurityResponses: { [prompt]: [(ANSWERS[prompt] ?? '').toUpperCase()] },
    });
    expect(right.status).toBe(200);
  });

  it('answers a response keyed to a prompt that was not asked with 401 QUESTION_NOT_FOUND', async () => {
    const asked = await challenge('Greatday');
    const answer = await flinks.authorize({
      RequestId: asked.body.RequestId,
      SecurityResponses: { 'What is your favourite colour?': ['Blue'] },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.FlinksCode).toBe('QUESTION_NOT_FOUND');
  });

  it('asks all three questions of test_mfa_all and needs every answer', async () => {
    const asked = await challenge('test_mfa_all');
    const prompts = asked.body.SecurityChallenges.map((item: { Prompt: string }) => item.Prompt);
    expect(prompts).toEqual([
      'What city were you born in?',
      'What is the best country on earth?',
      'What shape do people like most?',
    ]);
    const partial = await flinks.authorize({
      RequestId: asked.body.RequestId,
      SecurityResponses: { 'What city were you born in?': ['Montreal'] },
    });
    expect([partial.status, partial.body.FlinksCode]).toEqual([401, 'SECURITYRESPONSES_INCOMPLETE']);
    const all = await flinks.answerChallenges(asked);
    expect(all.status).toBe(200);
  });

  it('offers test_mfa_choice a MultipleChoice question with its Iterables', async () => {
    const asked = await challenge('test_mfa_choice');
    expect(asked.body.SecurityChallenges).toEqual([
      {
        Type: 'MultipleChoice',
        Prompt: 'What shape do people like most?',
        Iterables: ['Circle', 'Square', 'Triangle', 'Hexagon'],
      },
    ]);
    expect((await flinks.answerChallenges(asked)).status).toBe(200);
  });

  it('answers an unknown RequestId with 400 SESSION_NONEXISTENT', async () => {
    const answer = await flinks.authorize({
      RequestId: '3fa391bc-bc52-4424-82c5-8662600df9b2',
      SecurityResponses: { 'What city were you born in?': ['Montreal'] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.FlinksCode).toBe('SESSION_NONEXISTENT');
  });
});

describe('Authorize with a LoginId', () => {
  it('cached: 200 with a new RequestId, never MFA, even for Greatday', async () => {
    const { loginId, requestId } = await flinks.connect('Greatday');
    const answer = await flinks.authorize({ LoginId: loginId, MostRecentCached: true });
    expect(answer.status).toBe(200);
    expect(answer.body.Login.Id).toBe(loginId);
    expect(answer.body.RequestId).not.toBe(requestId);
  });

  it('live: 203 for an MFA user, 200 for greatday_nomfa', async () => {
    const mfa = await flinks.connect('Greatday');
    const live = await flinks.authorize({ LoginId: mfa.loginId, MostRecentCached: false });
    expect(live.status).toBe(203);
    expect(Object.keys(ANSWERS)).toContain(live.body.SecurityChallenges[0].Prompt);
    const answered = await flinks.answerChallenges(live);
    expect(answered.status).toBe(200);
    // As FlinksCapital answers a session opened with a LoginId: no Login, the caller knows it.
    expect(answered.body).toEqual({
      Links: expect.any(Array),
      HttpStatusCode: 200,
      InstitutionName: 'FlinksCapital',
      InstitutionId: 14,
      Institution: 'FlinksCapital',
      RequestId: live.body.RequestId,
    });

    const plain = await flinks.connect('greatday_nomfa');
    const refreshed = await flinks.authorize({ LoginId: plain.loginId, MostRecentCached: false });
    expect(refreshed.status).toBe(200);
  });

  it('live: the error users answer their errors on refresh, while cached still works', async () => {
    for (const [username, code] of [
      ['test_disabled_account', 'DISABLED_LOGIN'],
      ['test_service_unavailable', 'RETRY_LATER'],
    ]) {
      const { loginId } = await sandbox.control.createLogin(username as string);
      const live = await flinks.authorize({ LoginId: loginId, MostRecentCached: false });
      expect([live.status, live.body.FlinksCode]).toEqual([401, code]);
      const cached = await flinks.authorize({ LoginId: loginId, MostRecentCached: true });
      expect(cached.status).toBe(200);
    }
  });

  it('answers 203 to a cached Authorize of an MFA login while an mfa fault is armed, then 200 again', async () => {
    const mfa = await flinks.connect('Greatday');
    const plain = await flinks.connect('greatday_nomfa');
    await sandbox.control.injectFault({ endpoint: 'Authorize', kind: 'mfa', count: 1 });
    // A login without MFA neither suffers the fault nor uses it up.
    expect((await flinks.authorize({ LoginId: plain.loginId, MostRecentCached: true })).status).toBe(200);
    const cached = await flinks.authorize({ LoginId: mfa.loginId, MostRecentCached: true });
    expect(cached.status).toBe(203);
    expect(cached.body.SecurityChallenges).toHaveLength(1);
    const session = await sandbox.control.session(cached.body.RequestId);
    expect([session.state, session.live]).toEqual(['challenged', false]);
    expect((await flinks.answerChallenges(cached)).status).toBe(200);
    expect((await flinks.authorize({ LoginId: mfa.loginId, MostRecentCached: true })).status).toBe(200);
    expect(await sandbox.control.faults()).toEqual([]);
  });

  it('keeps an mfa fault naming a test user to the logins of that user', async () => {
    const other = await flinks.connect('test_mfa_all');
    const mfa = await flinks.connect('Greatday');
    await sandbox.control.injectFault({ endpoint: 'Authorize', kind: 'mfa', username: 'greatday' });
    expect((await flinks.authorize({ LoginId: other.loginId, MostRecentCached: true })).status).toBe(200);
    expect((await flinks.authorize({ LoginId: mfa.loginId, MostRecentCached: true })).status).toBe(203);
  });

  it('refuses an mfa fault on another endpoint than Authorize', async () => {
    await expect(sandbox.control.injectFault({ endpoint: 'GetAccountsDetail', kind: 'mfa' })).rejects.toThrow(
      /Authorize only/,
    );
  });

  it('answers an unknown LoginId with 401 INVALID_LOGIN', async () => {
    const answer = await flinks.authorize({
      LoginId: '5602459c-f6d0-4ca0-6750-08dccdcadcc0',
      MostRecentCached: true,
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ FlinksCode: 'INVALID_LOGIN', Institution: 'FlinksCapital' });
  });
});
