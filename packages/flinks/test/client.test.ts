/**
 * The client against a scripted local HTTP server: wire format, result mapping, error mapping, redaction and
 * the polling state machine in cases the emulator cannot be made to produce.
 */
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlinksClient, type FlinksClientOptions } from '../src/client.ts';
import { type FlinksError, FlinksTimeoutError } from '../src/errors.ts';
import type { FlinksLogger } from '../src/transport.ts';
import { API_KEY, CUSTOMER_ID, type FakeFlinks, SECRET_KEY, startFakeFlinks } from './fake-flinks.ts';
import {
  ACCOUNT_ID,
  account,
  accountsDetail200,
  accountsSummary200,
  authorize200,
  authorize203,
  caught,
  flinksError,
  LOGIN_ID,
  pending202,
  REQUEST_ID,
  TOKEN,
  transaction,
} from './fixtures.ts';

let fake: FakeFlinks;
let logLines: string[];

const recordingLogger: FlinksLogger = {
  debug: (fields, message) => logLines.push(JSON.stringify({ level: 'debug', message, ...fields })),
  warn: (fields, message) => logLines.push(JSON.stringify({ level: 'warn', message, ...fields })),
};

function client(overrides: Partial<FlinksClientOptions> = {}) {
  return createFlinksClient({
    apiUrl: fake.apiUrl,
    customerId: CUSTOMER_ID,
    secretKey: SECRET_KEY,
    apiKey: API_KEY,
    pollIntervalMs: 20,
    pollTimeoutMs: 5_000,
    requestTimeoutMs: 2_000,
    logger: recordingLogger,
    ...overrides,
  });
}

beforeEach(async () => {
  fake = await startFakeFlinks();
  logLines = [];
});
afterEach(async () => {
  await fake.close();
});

describe('createFlinksClient', () => {
  it('refuses invalid options, naming the fields but not their values', () => {
    expect(() =>
      createFlinksClient({
        apiUrl: 'ftp://x',
        customerId: '',
        secretKey: 'top-secret',
        apiKey: 'k',
        pollIntervalMs: 0,
      }),
    ).toThrow(/apiUrl, customerId, pollIntervalMs/);
    try {
      createFlinksClient({ apiUrl: 'nope', customerId: 'c', secretKey: 'top-secret', apiKey: 'k' });
    } catch (error) {
      expect(String(error)).not.toContain('top-secret');
    }
  });
});

describe('generateAuthorizeToken', () => {
  it('POSTs with the secret key as flinks-auth-key and returns the token', async () => {
    fake.on('GenerateAuthorizeToken', { status: 200, json: { HttpStatusCode: 200, Token: TOKEN } });
    expect(await client().generateAuthorizeToken()).toBe(TOKEN);
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/v3/${CUSTOMER_ID}/BankingServices/GenerateAuthorizeToken`);
    expect(request?.headers['flinks-auth-key']).toBe(SECRET_KEY);
    expect(request?.headers['x-api-key']).toBeUndefined();
  });

  it('maps a bad secret to UNAUTHORIZED without quoting the secret', async () => {
    fake.on('GenerateAuthorizeToken', {
      status: 401,
      json: flinksError(401, 'UNAUTHORIZED', `Secret ${SECRET_KEY} is not valid`),
    });
    const error = await caught(client().generateAuthorizeToken());
    expect([error.flinksCode, error.status, error.retryable]).toEqual(['UNAUTHORIZED', 401, false]);
    expect(error.message).not.toContain(SECRET_KEY);
    expect(error.message).toContain('[redacted]');
  });
});

describe('authorize', () => {
  it('sends the cached form in PascalCase with the given token and maps the 200', async () => {
    fake.on('Authorize', { status: 200, json: authorize200() });
    const result = await client().authorize({
      loginId: LOGIN_ID,
      mostRecentCached: true,
      authorizeToken: TOKEN,
    });
    expect(result).toEqual({
      kind: 'authorized',
      requestId: REQUEST_ID,
      loginId: LOGIN_ID,
      institution: 'FlinksCapital',
      institutionId: 14,
      username: 'Greatday',
      lastRefreshAt: new Date('2019-05-09T13:47:46.522Z'),
      isScheduledRefresh: false,
      tag: null,
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.headers['flinks-auth-key']).toBe(TOKEN);
    expect(fake.requests[0]?.body).toEqual({ LoginId: LOGIN_ID, MostRecentCached: true });
  });

  it('mints a fresh token itself when none is given', async () => {
    fake.on('GenerateAuthorizeToken', { status: 200, json: { HttpStatusCode: 200, Token: TOKEN } });
    fake.on('Authorize', { status: 200, json: authorize200() });
    await client().authorize({ loginId: LOGIN_ID, mostRecentCached: false, language: 'fr', tag: 't-1' });
    expect(fake.requests.map((request) => request.endpoint)).toEqual(['GenerateAuthorizeToken', 'Authorize']);
    expect(fake.requests[1]?.headers['flinks-auth-key']).toBe(TOKEN);
    expect(fake.requests[1]?.body).toEqual({
      LoginId: LOGIN_ID,
      MostRecentCached: false,
      Language: 'fr',
      Tag: 't-1',
    });
  });

  it('maps a 203 to mfa_required with the challenges and their choices', async () => {
    fake.on('Authorize', { status: 203, json: authorize203() });
    const result = await client().authorize({
      loginId: LOGIN_ID,
      mostRecentCached: false,
      authorizeToken: TOKEN,
    });
    expect(result).toEqual({
      kind: 'mfa_required',
      requestId: REQUEST_ID,
      institution: 'FlinksCapital',
      institutionId: null,
      challenges: [
        { type: 'QuestionAndAnswer', prompt: 'What city were you born in?', choices: [] },
        {
          type: 'MultipleChoice',
          prompt: 'What shape do people like most?',
          choices: ['Circle', 'Triangle', 'Rectangle'],
        },
      ],
    });
  });

  it('sends MFA answers as RequestId + SecurityResponses, and direct logins with Save', async () => {
    fake.on('Authorize', { status: 200, json: authorize200() });
    const answers = { 'What city were you born in?': ['Montreal'] };
    await client().authorize({ requestId: REQUEST_ID, securityResponses: answers, authorizeToken: TOKEN });
    await client().authorize({
      username: 'greatday_nomfa',
      password: 'Everyday',
      institution: 'FlinksCapital',
      authorizeToken: TOKEN,
    });
    expect(fake.requests[0]?.body).toEqual({ RequestId: REQUEST_ID, SecurityResponses: answers });
    expect(fake.requests[1]?.body).toEqual({
      Username: 'greatday_nomfa',
      Password: 'Everyday',
      Institution: 'FlinksCapital',
      MostRecentCached: false,
      Save: true,
    });
  });

  it('reads the institution from an {Id, Name} object in old payloads', async () => {
    const { InstitutionName: _name, InstitutionId: _id, ...old } = authorize200();
    fake.on('Authorize', { status: 200, json: { ...old, Institution: { Id: 14, Name: 'FlinksCapital' } } });
    const result = await client().authorize({
      loginId: LOGIN_ID,
      mostRecentCached: true,
      authorizeToken: TOKEN,
    });
    expect(result.kind === 'authorized' && [result.institution, result.institutionId]).toEqual([
      'FlinksCapital',
      14,
    ]);
  });

  it('refuses a LoginId that is not a GUID before sending anything', async () => {
    const error = await caught(client().authorize({ loginId: 'not-a-guid', mostRecentCached: true }));
    expect([error.flinksCode, error.retryable]).toEqual(['INVALID_ARGUMENT', false]);
    expect(error.issues?.[0]?.path).toEqual(['LoginId']);
    expect(fake.requests).toHaveLength(0);
  });

  it('throws Flinks errors with code and status, scrubbing the LoginId, token and password', async () => {
    fake.on('Authorize', {
      status: 401,
      json: flinksError(
        401,
        'INVALID_LOGIN',
        `LoginId ${LOGIN_ID.toUpperCase()} with token ${TOKEN} is unknown`,
      ),
    });
    const error = await caught(
      client().authorize({ loginId: LOGIN_ID, mostRecentCached: true, authorizeToken: TOKEN }),
    );
    expect([error.flinksCode, error.status, error.endpoint, error.retryable]).toEqual([
      'INVALID_LOGIN',
      401,
      'Authorize',
      false,
    ]);
    expect(error.message.toLowerCase()).not.toContain(LOGIN_ID);
    expect(error.message).not.toContain(TOKEN);

    fake.on('Authorize', {
      status: 401,
      json: flinksError(401, 'INVALID_PASSWORD', 'Password hunter22 rejected'),
    });
    const direct = await caught(
      client().authorize({
        username: 'someone',
        password: 'hunter22',
        institution: 'X',
        authorizeToken: TOKEN,
      }),
    );
    expect(direct.message).not.toContain('hunter22');
  });

  it('keeps an unknown FlinksCode as it came', async () => {
    fake.on('Authorize', { status: 409, json: flinksError(409, 'SOMETHING_NEW', 'A new kind of failure') });
    const error = await caught(
      client().authorize({ loginId: LOGIN_ID, mostRecentCached: true, authorizeToken: TOKEN }),
    );
    expect([error.flinksCode, error.status, error.message]).toEqual([
      'SOMETHING_NEW',
      409,
      'Flinks Authorize answered 409 SOMETHING_NEW: A new kind of failure',
    ]);
  });
});

describe('getAccountsDetail', () => {
  it('sends the options in PascalCase with the x-api-key and returns a direct 200', async () => {
    fake.on('GetAccountsDetail', { status: 200, json: accountsDetail200() });
    const detail = await client().getAccountsDetail(REQUEST_ID, {
      withTransactions: true,
      withKyc: true,
      withAccountIdentity: true,
      withBalance: true,
      daysOfTransactions: 'Days365',
      accountsFilter: [ACCOUNT_ID],
    });
    expect(detail.Accounts[0]?.Id).toBe(ACCOUNT_ID);
    const [request] = fake.requests;
    expect(request?.headers['x-api-key']).toBe(API_KEY);
    expect(request?.headers['flinks-auth-key']).toBeUndefined();
    expect(request?.body).toEqual({
      RequestId: REQUEST_ID,
      WithAccountIdentity: true,
      WithKYC: true,
      WithTransactions: true,
      WithBalance: true,
      DaysOfTransactions: 'Days365',
      AccountsFilter: [ACCOUNT_ID],
    });
  });

  it('decodes each answer only once beforeDecode, told its length, has resolved', async () => {
    fake.on('GetAccountsDetail', { status: 202, json: pending202() });
    fake.on('GetAccountsDetailAsync', { status: 200, json: accountsDetail200() });
    const lengths: number[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const beforeDecode = (length: number) => {
      lengths.push(length);
      // The 200 is held back until released; the 202 goes on at once.
      return lengths.length === 2 ? held : undefined;
    };
    let decoded = false;
    const detail = client({ beforeDecode })
      .getAccountsDetail(REQUEST_ID)
      .then((value) => {
        decoded = true;
        return value;
      });
    await vi.waitFor(() => expect(lengths).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(decoded).toBe(false);
    release();
    expect((await detail).Accounts[0]?.Id).toBe(ACCOUNT_ID);
    expect(lengths).toEqual([
      JSON.stringify(pending202()).length,
      JSON.stringify(accountsDetail200()).length,
    ]);
  });

  it("awaits a retrieval's own beforeDecode, told each answer's status, for its POST and each poll, before the client's", async () => {
    fake.on('GetAccountsDetail', { status: 202, json: pending202() });
    fake.on('GetAccountsDetailAsync', { status: 200, json: accountsDetail200() });
    const calls: string[] = [];
    const hook = (who: string) => async (length: number, status: number) => {
      calls.push(`${who} ${length} ${status}`);
    };
    await client({ beforeDecode: hook('client') }).getAccountsDetail(
      REQUEST_ID,
      {},
      { beforeDecode: hook('retrieval') },
    );
    const pending = JSON.stringify(pending202()).length;
    const ready = JSON.stringify(accountsDetail200()).length;
    expect(calls).toEqual([
      `retrieval ${pending} 202`,
      `client ${pending} 202`,
      `retrieval ${ready} 200`,
      `client ${ready} 200`,
    ]);
  });

  it('polls the Async endpoint after a 202, reporting each pending answer, until the 200', async () => {
    fake.on('GetAccountsDetail', { status: 202, json: pending202() });
    fake.on(
      'GetAccountsDetailAsync',
      { status: 202, json: pending202() },
      { status: 202, json: pending202('OPERATION_DISPATCHED') },
      { status: 200, json: accountsDetail200() },
    );
    const onPending = vi.fn();
    const detail = await client().getAccountsDetail(REQUEST_ID, { withTransactions: true }, { onPending });
    expect(detail.Accounts).toHaveLength(1);
    expect(onPending.mock.calls.map(([info]) => [info.attempt, info.flinksCode])).toEqual([
      [1, 'OPERATION_PENDING'],
      [2, 'OPERATION_PENDING'],
      [3, 'OPERATION_DISPATCHED'],
    ]);
    expect(onPending.mock.calls.every(([info]) => info.elapsedMs >= 0)).toBe(true);
    const polls = fake.requests.filter((request) => request.endpoint === 'GetAccountsDetailAsync');
    expect(polls).toHaveLength(3);
    expect(
      polls.every((request) => request.method === 'GET' && request.headers['x-api-key'] === API_KEY),
    ).toBe(true);
    expect(polls[0]?.path).toBe(`/v3/${CUSTOMER_ID}/BankingServices/GetAccountsDetailAsync/${REQUEST_ID}`);
  });

  it('retries transient failures while polling and still sends the POST only once', async () => {
    fake.on('GetAccountsDetail', { status: 202, json: pending202() });
    fake.on(
      'GetAccountsDetailAsync',
      { status: 503, text: '<html>Service Unavailable</html>' },
      { destroy: true },
      { status: 401, json: flinksError(401, 'RETRY_LATER', 'Bank unreachable') },
      {
        status: 401,
        json: flinksError(401, 'TOO_MANY_REQUESTS', 'Slow down'),
        headers: { 'retry-after': '0.1' },
      },
      { status: 500, json: flinksError(500, 'AGGREGATION_ERROR', 'Collection failed') },
      { status: 202, json: pending202() },
      { status: 200, json: accountsDetail200() },
    );
    const onRetry = vi.fn();
    const detail = await client().getAccountsDetail(REQUEST_ID, {}, { onRetry });
    expect(detail.Accounts).toHaveLength(1);
    expect(onRetry.mock.calls.map(([info]) => info.error.flinksCode)).toEqual([
      'HTTP_ERROR',
      'NETWORK_ERROR',
      'RETRY_LATER',
      'TOO_MANY_REQUESTS',
      'AGGREGATION_ERROR',
    ]);
    expect(onRetry.mock.calls.map(([info]) => info.failures)).toEqual([1, 2, 3, 4, 5]);
    expect(onRetry.mock.calls[3]?.[0].delayMs).toBeGreaterThanOrEqual(100);
    expect(fake.requests.filter((request) => request.endpoint === 'GetAccountsDetail')).toHaveLength(1);
    expect(logLines.filter((line) => line.includes('retrying'))).toHaveLength(5);
  });

  it('does not retry the POST itself, even on a retryable failure', async () => {
    fake.on('GetAccountsDetail', { status: 401, json: flinksError(401, 'RETRY_LATER', 'Bank unreachable') });
    const error = await caught(client().getAccountsDetail(REQUEST_ID));
    expect([error.flinksCode, error.retryable]).toEqual(['RETRY_LATER', true]);
    expect(fake.requests).toHaveLength(1);
  });

  it('stops at SESSION_NONEXISTENT mid-poll without retrying', async () => {
    fake.on('GetAccountsDetail', { status: 202, json: pending202() });
    fake.on(
      'GetAccountsDetailAsync',
      { status: 202, json: pending202() },
      {
        status: 400,
        json: flinksError(
          400,
          'SESSION_NONEXISTENT',
          `RequestId ${REQUEST_ID} is invalid or session has ended`,
        ),
      },
    );
    const error = await caught(client().getAccountsDetail(REQUEST_ID));
    expect([error.flinksCode, error.status, error.retryable, error.requestId]).toEqual([
      'SESSION_NONEXISTENT',
      400,
      false,
      REQUEST_ID,
    ]);
    expect(fake.requests.filter((request) => request.endpoint === 'GetAccountsDetailAsync')).toHaveLength(2);
  });

  it('reports a 200 that is not JSON as MALFORMED_RESPONSE, not retried', async () => {
    fake.on('GetAccountsDetail', { status: 202, json: pending202() });
    fake.on('GetAccountsDetailAsync', { status: 200, text: '{"Accounts": [' });
    const error = await caught(client().getAccountsDetail(REQUEST_ID));
    expect([error.flinksCode, error.status, error.retryable]).toEqual(['MALFORMED_RESPONSE', 200, false]);
    expect(error.message).toContain('not JSON');
    expect(fake.requests.filter((request) => request.endpoint === 'GetAccountsDetailAsync')).toHaveLength(1);
  });

  it('reports a 200 failing the schema with the issue path and without the body values', async () => {
    const secretish = 'HOLDER-SECRET-4242';
    const body = accountsDetail200([
      account({
        Holder: { Name: secretish },
        Transactions: [transaction(0), transaction(1, { Date: null })],
      }),
    ]);
    fake.on('GetAccountsDetail', { status: 200, json: body });
    const error = await caught(client().getAccountsDetail(REQUEST_ID));
    expect(error.flinksCode).toBe('MALFORMED_RESPONSE');
    expect(error.issues?.[0]?.path).toEqual(['Accounts', 0, 'Transactions', 1, 'Date']);
    expect(error.message).toContain('Accounts.0.Transactions.1.Date');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(secretish);
  });

  it('treats a 200 whose body says it failed as that failure', async () => {
    fake.on('GetAccountsDetail', {
      status: 200,
      json: flinksError(401, 'UNAUTHORIZED', 'Not authorized yet'),
    });
    const error = await caught(client().getAccountsDetail(REQUEST_ID));
    expect([error.flinksCode, error.status]).toEqual(['UNAUTHORIZED', 401]);
  });

  it('gives up at pollTimeoutMs with a FlinksTimeoutError', async () => {
    fake.on('GetAccountsDetail', { status: 202, json: pending202() });
    fake.on('GetAccountsDetailAsync', { status: 202, json: pending202() });
    const error = await caught(client({ pollTimeoutMs: 200 }).getAccountsDetail(REQUEST_ID));
    expect(error).toBeInstanceOf(FlinksTimeoutError);
    expect([error.flinksCode, error.retryable, error.requestId]).toEqual(['POLL_TIMEOUT', false, REQUEST_ID]);
    const timeout = error as FlinksTimeoutError;
    expect(timeout.elapsedMs).toBeGreaterThanOrEqual(200);
    expect(timeout.pendingAnswers).toBeGreaterThanOrEqual(1);
  });

  it('turns a poll request cut short by the cap into POLL_TIMEOUT', async () => {
    fake.on('GetAccountsDetail', { status: 202, json: pending202() });
    fake.on('GetAccountsDetailAsync', { hang: true });
    const error = await caught(
      client({ pollTimeoutMs: 300, requestTimeoutMs: 60_000 }).getAccountsDetail(REQUEST_ID),
    );
    expect(error.flinksCode).toBe('POLL_TIMEOUT');
    expect((error.cause as FlinksError).flinksCode).toBe('REQUEST_TIMEOUT');
  });

  it('retries a poll that hangs past requestTimeoutMs inside the cap', async () => {
    fake.on('GetAccountsDetail', { status: 202, json: pending202() });
    fake.on('GetAccountsDetailAsync', { hang: true }, { status: 200, json: accountsDetail200() });
    const onRetry = vi.fn();
    const detail = await client({ requestTimeoutMs: 150 }).getAccountsDetail(REQUEST_ID, {}, { onRetry });
    expect(detail.Accounts).toHaveLength(1);
    expect(onRetry.mock.calls[0]?.[0].error.flinksCode).toBe('REQUEST_TIMEOUT');
  });

  it('stops polling when the signal aborts, rejecting with its reason', async () => {
    fake.on('GetAccountsDetail', { status: 202, json: pending202() });
    fake.on('GetAccountsDetailAsync', { status: 202, json: pending202() });
    const controller = new AbortController();
    const reason = new Error('job cancelled');
    const onPending = vi.fn(({ attempt }: { attempt: number }) => {
      if (attempt === 3) controller.abort(reason);
    });
    await expect(
      client().getAccountsDetail(REQUEST_ID, {}, { signal: controller.signal, onPending }),
    ).rejects.toBe(reason);
    const pollsAtAbort = fake.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.requests.length).toBe(pollsAtAbort);
  });

  it('aborts an in-flight request when the signal aborts', async () => {
    fake.on('GetAccountsDetail', { hang: true });
    const controller = new AbortController();
    const pending = client().getAccountsDetail(REQUEST_ID, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('leaves a long-lived signal as it found it: no composed signal follows it, no listener stays', async () => {
    fake.on('GetAccountsDetail', { status: 202, json: pending202() });
    fake.on(
      'GetAccountsDetailAsync',
      { status: 202, json: pending202() },
      { status: 202, json: pending202() },
      { status: 200, json: accountsDetail200() },
    );
    // A job's signal lasts the whole job: whatever composes it leaves weak references the collector clears.
    const jobSignal = new AbortController().signal;
    const any = vi.spyOn(AbortSignal, 'any');
    try {
      const detail = await client().getAccountsDetail(REQUEST_ID, {}, { signal: jobSignal });
      expect(detail.Accounts).toHaveLength(1);
      expect(fake.requests).toHaveLength(4);
      expect(any.mock.calls.filter(([sources]) => [...sources].includes(jobSignal))).toEqual([]);
    } finally {
      any.mockRestore();
    }
    expect(getEventListeners(jobSignal, 'abort')).toEqual([]);
  });
});

describe('pollAccountsDetail (resume)', () => {
  it('GETs the Async endpoint at once, without waiting an interval and without a POST', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fake.on('GetAccountsDetailAsync', { status: 200, json: accountsDetail200() });
      // With timers frozen, any wait before the first GET would never end.
      const detail = await client({ pollIntervalMs: 10_000 }).pollAccountsDetail(REQUEST_ID);
      expect(detail.Accounts).toHaveLength(1);
      expect(fake.requests.map((request) => `${request.method} ${request.endpoint}`)).toEqual([
        'GET GetAccountsDetailAsync',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports pending answers with the time elapsed since startedAt', async () => {
    fake.on(
      'GetAccountsDetailAsync',
      { status: 202, json: pending202() },
      { status: 200, json: accountsDetail200() },
    );
    const onPending = vi.fn();
    await client({ pollTimeoutMs: 60_000 }).pollAccountsDetail(REQUEST_ID, {
      onPending,
      startedAt: Date.now() - 30_000,
    });
    expect(onPending).toHaveBeenCalledTimes(1);
    expect(onPending.mock.calls[0]?.[0]).toMatchObject({ attempt: 1, flinksCode: 'OPERATION_PENDING' });
    expect(onPending.mock.calls[0]?.[0].elapsedMs).toBeGreaterThanOrEqual(30_000);
    expect(fake.requests.every((request) => request.method === 'GET')).toBe(true);
  });

  it('rejects a RequestId that is not a GUID without sending anything', async () => {
    await expect(client().pollAccountsDetail('../DeleteCard/x')).rejects.toMatchObject({
      flinksCode: 'INVALID_ARGUMENT',
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('counts the cap from startedAt', async () => {
    fake.on('GetAccountsDetailAsync', { status: 202, json: pending202() });
    const startedAt = new Date(Date.now() - 4_900);
    const error = await caught(
      client({ pollTimeoutMs: 5_000 }).pollAccountsDetail(REQUEST_ID, { startedAt }),
    );
    expect(error.flinksCode).toBe('POLL_TIMEOUT');
    expect((error as FlinksTimeoutError).elapsedMs).toBeGreaterThanOrEqual(5_000);
  });
});

describe('getAccountsSummary', () => {
  it('POSTs the RequestId and polls GetAccountsSummaryAsync on 202', async () => {
    fake.on('GetAccountsSummary', { status: 202, json: pending202() });
    fake.on('GetAccountsSummaryAsync', { status: 200, json: accountsSummary200() });
    const summary = await client().getAccountsSummary(REQUEST_ID);
    expect(summary.Accounts[0]?.ETransferEligibleRatio).toBe(0.5);
    expect(fake.requests[0]?.body).toEqual({ RequestId: REQUEST_ID });
    expect(fake.requests[1]?.path).toContain(`/GetAccountsSummaryAsync/${REQUEST_ID}`);
  });

  it('resumes with pollAccountsSummary without a POST', async () => {
    fake.on('GetAccountsSummaryAsync', { status: 200, json: accountsSummary200() });
    await client().pollAccountsSummary(REQUEST_ID);
    expect(fake.requests.map((request) => request.endpoint)).toEqual(['GetAccountsSummaryAsync']);
  });
});

describe('login management endpoints', () => {
  it('deleteCard sends DELETE with the LoginId in the path but never logs or reports it', async () => {
    fake.on('DeleteCard', {
      status: 200,
      json: { Message: `All of the information about LoginId ${LOGIN_ID} has been removed` },
    });
    await client().deleteCard(LOGIN_ID);
    expect(fake.requests[0]?.method).toBe('DELETE');
    expect(fake.requests[0]?.path).toBe(`/v3/${CUSTOMER_ID}/BankingServices/DeleteCard/${LOGIN_ID}`);
    expect(fake.requests[0]?.headers['x-api-key']).toBe(API_KEY);

    fake.on('DeleteCard', {
      status: 400,
      json: flinksError(400, 'CARD_IN_USE', `Card ${LOGIN_ID} is in use`),
    });
    const error = await caught(client().deleteCard(LOGIN_ID));
    expect([error.flinksCode, error.retryable]).toEqual(['CARD_IN_USE', true]);
    expect(error.message).not.toContain(LOGIN_ID);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(LOGIN_ID);
  });

  it('maps a dropped connection to a retryable NETWORK_ERROR whose message holds no URL', async () => {
    fake.on('DeleteCard', { destroy: true });
    const error = await caught(client().deleteCard(LOGIN_ID));
    expect([error.flinksCode, error.status, error.retryable]).toEqual(['NETWORK_ERROR', undefined, true]);
    expect(error.message).not.toContain(LOGIN_ID);
    expect(error.message).not.toContain('://');
    expect(fake.requests).toHaveLength(1);
  });

  it('maps a hang to a retryable REQUEST_TIMEOUT', async () => {
    fake.on('GetMFAQuestions', { hang: true });
    const error = await caught(client({ requestTimeoutMs: 100 }).getMfaQuestions(LOGIN_ID));
    expect([error.flinksCode, error.retryable]).toEqual(['REQUEST_TIMEOUT', true]);
  });

  it('maps a proxy error page to HTTP_ERROR with its status', async () => {
    fake.on('DeleteCard', { status: 502, text: '<html>Bad gateway</html>' });
    const error = await caught(client().deleteCard(LOGIN_ID));
    expect([error.flinksCode, error.status, error.retryable]).toEqual(['HTTP_ERROR', 502, true]);
  });

  it('getMfaQuestions, answerMfaQuestions, setScheduledRefresh and getNightlyRefreshStatus speak Flinks', async () => {
    fake.on('GetMFAQuestions', {
      status: 200,
      json: { Message: 'SUCCESS', Questions: [{ Question: 'What city were you born in?' }] },
    });
    fake.on('AnswerMFAQuestions', { status: 200, json: { Message: 'Answers updated' } });
    fake.on('SetScheduledRefresh', { status: 200, json: { Message: 'Updated' } });
    fake.on('GetNightlyRefreshStatus', { status: 200, json: { Logins: [] } });
    const flinks = client();
    expect(await flinks.getMfaQuestions(LOGIN_ID)).toEqual(['What city were you born in?']);
    await flinks.answerMfaQuestions(LOGIN_ID, [
      { question: 'What city were you born in?', answer: 'Montreal' },
    ]);
    await flinks.setScheduledRefresh(LOGIN_ID, true);
    expect(await flinks.getNightlyRefreshStatus()).toEqual({ Logins: [] });
    expect(
      fake.requests.map((request) => `${request.method} ${request.path.split('BankingServices/')[1]}`),
    ).toEqual([
      `GET GetMFAQuestions/${LOGIN_ID}`,
      'PATCH AnswerMFAQuestions',
      'PATCH SetScheduledRefresh',
      'GET GetNightlyRefreshStatus',
    ]);
    expect(fake.requests[1]?.body).toEqual({
      loginId: LOGIN_ID,
      Questions: [{ Question: 'What city were you born in?', Answer: 'Montreal' }],
    });
    expect(fake.requests[2]?.body).toEqual({ LoginId: LOGIN_ID, IsActivated: true });
  });
});

describe('logging', () => {
  it('never hands the logger a credential, token or LoginId', async () => {
    fake.on('GenerateAuthorizeToken', { status: 200, json: { HttpStatusCode: 200, Token: TOKEN } });
    fake.on('Authorize', { status: 200, json: authorize200() });
    fake.on('GetAccountsDetail', { status: 202, json: pending202() });
    fake.on(
      'GetAccountsDetailAsync',
      { status: 503, text: 'busy' },
      { status: 200, json: accountsDetail200() },
    );
    fake.on('DeleteCard', { status: 200, json: {} });
    const flinks = client();
    await flinks.authorize({ loginId: LOGIN_ID, mostRecentCached: true });
    await flinks.getAccountsDetail(REQUEST_ID);
    await flinks.deleteCard(LOGIN_ID);
    const logged = logLines.join('\n');
    expect(logged).toContain('GetAccountsDetailAsync');
    for (const secret of [SECRET_KEY, API_KEY, TOKEN, LOGIN_ID]) expect(logged).not.toContain(secret);
  });
});

describe('timeouts', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never applies ky’s 10-second default: a call answered after 60 s succeeds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let answer: (response: Response) => void = () => {};
    const fetch = vi.fn(
      () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
    );
    const flinks = createFlinksClient({
      apiUrl: 'http://flinks.invalid',
      customerId: CUSTOMER_ID,
      secretKey: SECRET_KEY,
      apiKey: API_KEY,
      fetch,
    });
    const token = flinks.generateAuthorizeToken();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    answer(Response.json({ HttpStatusCode: 200, Token: TOKEN }));
    await expect(token).resolves.toBe(TOKEN);
  });

  it('times out at requestTimeoutMs, which defaults above Flinks’ 210 s hold', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fetch = vi.fn(
      (_input: Request | URL | string, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          const signal = init?.signal ?? (_input instanceof Request ? _input.signal : undefined);
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
    );
    const flinks = createFlinksClient({
      apiUrl: 'http://flinks.invalid',
      customerId: CUSTOMER_ID,
      secretKey: SECRET_KEY,
      apiKey: API_KEY,
      fetch,
    });
    const token = caught(flinks.generateAuthorizeToken());
    await vi.advanceTimersByTimeAsync(211_000);
    await vi.advanceTimersByTimeAsync(29_000);
    const error = await token;
    expect(error.flinksCode).toBe('REQUEST_TIMEOUT');
    expect(error.message).toContain('240000 ms');
  });
});
