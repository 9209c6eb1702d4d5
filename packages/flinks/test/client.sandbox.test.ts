/**
 * The client over real HTTP against the Flinks emulator (@passbook/flinks-sandbox): every method, every test
 * user's outcome, token reuse, and the polling paths under injected faults.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox } from '@passbook/flinks-sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlinksClient, type FlinksClient, type FlinksClientOptions } from '../src/client.ts';
import { FlinksTimeoutError } from '../src/errors.ts';
import { toMinorUnits } from '../src/money.ts';
import type { FlinksLogger } from '../src/transport.ts';
import { parseWebhookPayload, verifyWebhookSignature } from '../src/webhook.ts';
import { caught } from './fixtures.ts';

const PROCESSING_MS = 200;
const CITY = 'What city were you born in?';
const COUNTRY = 'What is the best country on earth?';
const SHAPE = 'What shape do people like most?';

let sandbox: Sandbox;
let logLines: string[];

const recordingLogger: FlinksLogger = {
  debug: (fields, message) => logLines.push(JSON.stringify({ message, ...fields })),
  warn: (fields, message) => logLines.push(JSON.stringify({ message, ...fields })),
};

function client(overrides: Partial<FlinksClientOptions> = {}): FlinksClient {
  return createFlinksClient({
    apiUrl: sandbox.url,
    customerId: sandbox.customerId,
    secretKey: sandbox.secretKey,
    apiKey: sandbox.apiKey,
    pollIntervalMs: 50,
    pollTimeoutMs: 20_000,
    requestTimeoutMs: 10_000,
    logger: recordingLogger,
    ...overrides,
  });
}

/** A cached authorisation of a fresh login of `username`: the state right after Connect's REDIRECT. */
async function cachedSession(flinks: FlinksClient, username = 'greatday_nomfa') {
  const { loginId } = await sandbox.control.createLogin(username);
  const result = await flinks.authorize({ loginId, mostRecentCached: true });
  if (result.kind !== 'authorized') throw new Error('a cached authorisation never asks for MFA');
  return { loginId, requestId: result.requestId };
}

const direct = (flinks: FlinksClient, username: string, password = 'Everyday') =>
  flinks.authorize({ username, password, institution: 'FlinksCapital' });

const callsTo = async (endpoint: string) => (await sandbox.control.calls({ endpoint })).length;

beforeAll(async () => {
  sandbox = await createSandbox({ processingMs: PROCESSING_MS, holdMs: 0 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.control.reset();
  logLines = [];
});

describe('authorize tokens', () => {
  it('mints single-use tokens: a reused token is refused with UNAUTHORIZED', async () => {
    const flinks = client();
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const authorizeToken = await flinks.generateAuthorizeToken();
    const first = await flinks.authorize({ loginId, mostRecentCached: true, authorizeToken });
    expect(first.kind).toBe('authorized');
    const reuse = await caught(flinks.authorize({ loginId, mostRecentCached: true, authorizeToken }));
    expect([reuse.flinksCode, reuse.status, reuse.retryable]).toEqual(['UNAUTHORIZED', 401, false]);
    expect(reuse.message).not.toContain(authorizeToken);
    expect(reuse.message).not.toContain(loginId);
  });

  it('refuses a wrong secret key with UNAUTHORIZED', async () => {
    const error = await caught(client({ secretKey: 'not-the-secret' }).generateAuthorizeToken());
    expect([error.flinksCode, error.status]).toEqual(['UNAUTHORIZED', 401]);
    expect(error.message).not.toContain('not-the-secret');
  });
});

describe('authorize: each test user', () => {
  it('Greatday: a direct login asks one of its three security questions, a right answer authorises', async () => {
    const flinks = client();
    const challenged = await direct(flinks, 'Greatday');
    expect(challenged.kind).toBe('mfa_required');
    if (challenged.kind !== 'mfa_required') return;
    const { challenges } = await sandbox.control.session(challenged.requestId);
    expect(challenged.challenges).toEqual(
      challenges.map((question) => ({ type: 'QuestionAndAnswer', prompt: question.prompt, choices: [] })),
    );
    expect(challenges).toHaveLength(1);
    expect([CITY, COUNTRY, SHAPE]).toContain(challenges[0]?.prompt);
    const authorized = await flinks.authorize({
      requestId: challenged.requestId,
      securityResponses: await sandbox.control.answersFor(challenged.requestId),
    });
    expect(authorized).toMatchObject({
      kind: 'authorized',
      requestId: challenged.requestId,
      institution: 'FlinksCapital',
    });
    expect(authorized.kind === 'authorized' && authorized.loginId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('Greatday: a wrong answer is INVALID_SECURITY_RESPONSE, an unasked prompt QUESTION_NOT_FOUND', async () => {
    const flinks = client();
    const challenged = await direct(flinks, 'greatday');
    if (challenged.kind !== 'mfa_required') throw new Error('expected MFA');
    const prompt = challenged.challenges[0]?.prompt ?? '';
    const wrong = await caught(
      flinks.authorize({ requestId: challenged.requestId, securityResponses: { [prompt]: ['Toronto'] } }),
    );
    expect([wrong.flinksCode, wrong.status, wrong.retryable]).toEqual([
      'INVALID_SECURITY_RESPONSE',
      401,
      false,
    ]);
    expect(wrong.message).not.toContain('Toronto');
    const unasked = await caught(
      flinks.authorize({
        requestId: challenged.requestId,
        securityResponses: { 'Favourite colour?': ['Blue'] },
      }),
    );
    expect(unasked.flinksCode).toBe('QUESTION_NOT_FOUND');
  });

  it('test_mfa_choice: a multiple-choice challenge carries its choices', async () => {
    const challenged = await direct(client(), 'test_mfa_choice');
    expect(challenged.kind === 'mfa_required' && challenged.challenges[0]).toMatchObject({
      type: 'MultipleChoice',
      choices: expect.arrayContaining(['Triangle']),
    });
  });

  it('greatday_nomfa: a direct login authorises at once with a new LoginId', async () => {
    const result = await direct(client(), 'greatday_nomfa');
    expect(result).toMatchObject({ kind: 'authorized', institution: 'FlinksCapital', institutionId: 14 });
  });

  it('a wrong password is INVALID_PASSWORD, and the password is not quoted', async () => {
    const error = await caught(direct(client(), 'greatday_nomfa', 'Not-Everyday-9'));
    expect([error.flinksCode, error.retryable]).toEqual(['INVALID_PASSWORD', false]);
    expect(error.message).not.toContain('Not-Everyday-9');
  });

  it('test_disabled_account: DISABLED_LOGIN, not retryable', async () => {
    const error = await caught(direct(client(), 'test_disabled_account'));
    expect([error.flinksCode, error.status, error.retryable]).toEqual(['DISABLED_LOGIN', 401, false]);
  });

  it('test_service_unavailable: RETRY_LATER, retryable, and not retried by the client', async () => {
    const error = await caught(direct(client(), 'test_service_unavailable'));
    expect([error.flinksCode, error.status, error.retryable]).toEqual(['RETRY_LATER', 401, true]);
    expect(await callsTo('Authorize')).toBe(1);
  });

  it('test_pending: authorised, then several OPERATION_PENDING answers before the data', async () => {
    const flinks = client();
    const { requestId } = await cachedSession(flinks, 'test_pending');
    const onPending = vi.fn();
    const detail = await flinks.getAccountsDetail(requestId, { withTransactions: true }, { onPending });
    expect(detail.Accounts.length).toBeGreaterThan(0);
    expect(onPending.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(onPending.mock.calls.every(([info]) => info.flinksCode === 'OPERATION_PENDING')).toBe(true);
    expect(onPending.mock.calls.map(([info]) => info.attempt)).toEqual(
      onPending.mock.calls.map((_call, index) => index + 1),
    );
  });

  it('test_dispatched: OPERATION_DISPATCHED answers, then the complete data', async () => {
    const flinks = client();
    const { requestId } = await cachedSession(flinks, 'test_dispatched');
    const onPending = vi.fn();
    const detail = await flinks.getAccountsDetail(requestId, { withTransactions: true }, { onPending });
    expect(onPending.mock.calls.some(([info]) => info.flinksCode === 'OPERATION_DISPATCHED')).toBe(true);
    expect(detail.Accounts.every((account) => Array.isArray(account.Transactions))).toBe(true);
  });

  it('test_large_history: more than 50,000 transactions parse, each with an Id and a date', async () => {
    const flinks = client();
    const { requestId } = await cachedSession(flinks, 'test_large_history');
    const detail = await flinks.getAccountsDetail(requestId, {
      withTransactions: true,
      daysOfTransactions: 'Days365',
    });
    const transactions = detail.Accounts.flatMap((account) => account.Transactions ?? []);
    expect(transactions.length).toBeGreaterThanOrEqual(50_000);
    expect(new Set(transactions.map((transaction) => transaction.Id)).size).toBe(transactions.length);
  });
});

describe('authorize with a LoginId', () => {
  it('cached never asks for MFA, even for a login whose bank does', async () => {
    const { loginId } = await sandbox.control.createLogin('Greatday');
    const result = await client().authorize({ loginId, mostRecentCached: true });
    expect(result).toMatchObject({ kind: 'authorized', loginId });
  });

  it('live refresh answers 203 for Greatday; the answers authorise with the LoginId the caller knows', async () => {
    const flinks = client();
    const { loginId } = await sandbox.control.createLogin('Greatday');
    const live = await flinks.authorize({ loginId, mostRecentCached: false });
    if (live.kind !== 'mfa_required') throw new Error('expected MFA on a live refresh');
    const answered = await flinks.authorize({
      requestId: live.requestId,
      securityResponses: await sandbox.control.answersFor(live.requestId),
      loginId,
    });
    // As real Flinks does, that 200 carries no Login: nothing says when the login was refreshed.
    expect(answered).toMatchObject({
      kind: 'authorized',
      loginId,
      requestId: live.requestId,
      lastRefreshAt: null,
    });
  });

  it('live refresh answers 200 for greatday_nomfa', async () => {
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const live = await client().authorize({ loginId, mostRecentCached: false, tag: 'refresh-1' });
    expect(live).toMatchObject({ kind: 'authorized', loginId, tag: 'refresh-1' });
  });

  it('an unknown LoginId is INVALID_LOGIN', async () => {
    const error = await caught(client().authorize({ loginId: crypto.randomUUID(), mostRecentCached: true }));
    expect([error.flinksCode, error.retryable]).toEqual(['INVALID_LOGIN', false]);
  });
});

describe('retrieval', () => {
  it('getAccountsDetail: 202, polls, and resolves with the toolbox data', async () => {
    const flinks = client();
    const { requestId } = await cachedSession(flinks);
    const onPending = vi.fn();
    const detail = await flinks.getAccountsDetail(requestId, { withTransactions: true }, { onPending });
    expect(onPending.mock.calls[0]?.[0]).toMatchObject({ attempt: 1, flinksCode: 'OPERATION_PENDING' });
    const chequing = detail.Accounts.find((account) => account.Title === 'Chequing CAD');
    expect(chequing).toMatchObject({
      AccountNumber: '1111000',
      TransitNumber: '77777',
      InstitutionNumber: '777',
    });
    expect(chequing?.Holder?.Name).toBe('John Doe');
    const transactions = detail.Accounts.flatMap((account) => account.Transactions ?? []);
    expect(transactions.length).toBeGreaterThan(0);
    const amounts = [
      ...detail.Accounts.flatMap((account) => [
        account.Balance?.Available,
        account.Balance?.Current,
        account.Balance?.Limit,
        account.OverdraftLimit,
      ]),
      ...transactions.flatMap((transaction) => [transaction.Debit, transaction.Credit, transaction.Balance]),
    ];
    for (const amount of amounts) {
      if (amount != null) expect(Number.isInteger(toMinorUnits(amount))).toBe(true);
    }
    expect(await callsTo('GetAccountsDetail')).toBe(1);
  });

  it('getAccountsSummary: balances without transactions', async () => {
    const flinks = client();
    const { requestId } = await cachedSession(flinks);
    const summary = await flinks.getAccountsSummary(requestId);
    expect(summary.Accounts.length).toBeGreaterThan(0);
    expect(summary.Accounts.every((account) => !account.Transactions?.length)).toBe(true);
    expect(summary.Accounts.some((account) => account.Balance?.Current != null)).toBe(true);
  });

  it('an unknown RequestId is SESSION_NONEXISTENT on the POST', async () => {
    const error = await caught(client().getAccountsDetail(crypto.randomUUID()));
    expect([error.flinksCode, error.status, error.retryable]).toEqual(['SESSION_NONEXISTENT', 400, false]);
  });

  it('recovers from transient faults injected mid-poll, sending the POST once', async () => {
    const flinks = client({ requestTimeoutMs: 500, retryBackoffMaxMs: 100 });
    const { requestId } = await cachedSession(flinks);
    const endpoint = 'GetAccountsDetailAsync';
    await sandbox.control.injectFault({ endpoint, kind: 'status', status: 503 });
    await sandbox.control.injectFault({ endpoint, kind: 'drop' });
    await sandbox.control.injectFault({ endpoint, kind: 'flinks', flinksCode: 'RETRY_LATER' });
    await sandbox.control.injectFault({ endpoint, kind: 'flinks', flinksCode: 'AGGREGATION_ERROR' });
    await sandbox.control.injectFault({ endpoint, kind: 'hang' });
    const onRetry = vi.fn();
    const detail = await flinks.getAccountsDetail(requestId, {}, { onRetry });
    expect(detail.Accounts.length).toBeGreaterThan(0);
    expect(onRetry.mock.calls.map(([info]) => info.error.flinksCode)).toEqual([
      'HTTP_ERROR',
      'NETWORK_ERROR',
      'RETRY_LATER',
      'AGGREGATION_ERROR',
      'REQUEST_TIMEOUT',
    ]);
    expect(await callsTo('GetAccountsDetail')).toBe(1);
  });

  it('surfaces SESSION_NONEXISTENT when the session expires mid-poll', async () => {
    await sandbox.control.configure({ processingMs: 60_000 });
    const flinks = client();
    const { requestId } = await cachedSession(flinks);
    const onPending = vi.fn(async ({ attempt }: { attempt: number }) => {
      if (attempt === 2) await sandbox.control.expireSession({ requestId });
    });
    const error = await caught(flinks.getAccountsDetail(requestId, {}, { onPending }));
    expect([error.flinksCode, error.status, error.retryable]).toEqual(['SESSION_NONEXISTENT', 400, false]);
    expect(error.requestId?.toLowerCase()).toBe(requestId.toLowerCase());
    expect(onPending).toHaveBeenCalledTimes(2);
  });

  it('gives up at a small pollTimeoutMs with POLL_TIMEOUT', async () => {
    await sandbox.control.configure({ processingMs: 60_000 });
    const flinks = client({ pollTimeoutMs: 400 });
    const { requestId } = await cachedSession(flinks);
    const error = await caught(flinks.getAccountsDetail(requestId));
    expect(error).toBeInstanceOf(FlinksTimeoutError);
    expect([error.flinksCode, error.retryable]).toEqual(['POLL_TIMEOUT', false]);
    expect((error as FlinksTimeoutError).pendingAnswers).toBeGreaterThanOrEqual(2);
  });

  it('stops polling on abort and sends nothing more', async () => {
    await sandbox.control.configure({ processingMs: 60_000 });
    const flinks = client();
    const { requestId } = await cachedSession(flinks);
    const controller = new AbortController();
    const onPending = ({ attempt }: { attempt: number }) => {
      if (attempt === 2) controller.abort();
    };
    await expect(
      flinks.getAccountsDetail(requestId, {}, { signal: controller.signal, onPending }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    const polls = await callsTo('GetAccountsDetailAsync');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await callsTo('GetAccountsDetailAsync')).toBe(polls);
  });

  it('resumes an interrupted retrieval with pollAccountsDetail, without a second POST', async () => {
    const flinks = client();
    const { requestId } = await cachedSession(flinks);
    const controller = new AbortController();
    const startedAt = Date.now();
    await expect(
      flinks.getAccountsDetail(
        requestId,
        { withTransactions: true },
        { signal: controller.signal, onPending: () => controller.abort() },
      ),
    ).rejects.toMatchObject({ name: 'AbortError' });
    const detail = await client().pollAccountsDetail(requestId, { startedAt });
    expect(detail.Accounts.length).toBeGreaterThan(0);
    expect(await callsTo('GetAccountsDetail')).toBe(1);
  });

  it('reports a body that is not JSON as MALFORMED_RESPONSE', async () => {
    const flinks = client();
    const { requestId } = await cachedSession(flinks);
    await sandbox.control.injectFault({ endpoint: 'GetAccountsDetailAsync', kind: 'malformed' });
    const error = await caught(flinks.getAccountsDetail(requestId));
    expect([error.flinksCode, error.status, error.retryable]).toEqual(['MALFORMED_RESPONSE', 200, false]);
    expect(error.message).toContain('not JSON');
  });

  it('reports a body of the wrong shape as MALFORMED_RESPONSE with the failing path', async () => {
    const flinks = client();
    const { requestId } = await cachedSession(flinks);
    await sandbox.control.injectFault({
      endpoint: 'GetAccountsDetailAsync',
      kind: 'malformed',
      variant: 'wrong-shape',
    });
    const error = await caught(flinks.getAccountsDetail(requestId));
    expect(error.flinksCode).toBe('MALFORMED_RESPONSE');
    expect(error.issues?.map((issue) => issue.path[0])).toContain('Accounts');
  });

  it('times out a hanging request at requestTimeoutMs', async () => {
    await sandbox.control.injectFault({ endpoint: 'GenerateAuthorizeToken', kind: 'hang' });
    const error = await caught(client({ requestTimeoutMs: 300 }).generateAuthorizeToken());
    expect([error.flinksCode, error.status, error.retryable]).toEqual(['REQUEST_TIMEOUT', undefined, true]);
  });
});

describe('login management', () => {
  it('deleteCard removes the login: it can no longer be authorised', async () => {
    const flinks = client();
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    await flinks.deleteCard(loginId);
    const error = await caught(flinks.authorize({ loginId, mostRecentCached: true }));
    expect(error.flinksCode).toBe('INVALID_LOGIN');
  });

  it('deleteCard answers CARD_IN_USE (retryable) while a retrieval runs', async () => {
    await sandbox.control.configure({ processingMs: 60_000 });
    const flinks = client();
    const { loginId, requestId } = await cachedSession(flinks);
    const controller = new AbortController();
    await expect(
      flinks.getAccountsDetail(
        requestId,
        {},
        { signal: controller.signal, onPending: () => controller.abort() },
      ),
    ).rejects.toMatchObject({ name: 'AbortError' });
    const error = await caught(flinks.deleteCard(loginId));
    expect([error.flinksCode, error.status, error.retryable]).toEqual(['CARD_IN_USE', 400, true]);
    expect(error.message).not.toContain(loginId);
  });

  it('MFA questions: lists them, stores answers, refuses an unknown question', async () => {
    const flinks = client();
    const { loginId } = await sandbox.control.createLogin('Greatday');
    const questions = await flinks.getMfaQuestions(loginId);
    expect(questions).toEqual([CITY, COUNTRY, SHAPE]);
    await flinks.answerMfaQuestions(
      loginId,
      questions.map((question) => ({ question, answer: 'Quebec City' })),
    );
    const unknown = await caught(
      flinks.answerMfaQuestions(loginId, [{ question: 'Favourite colour?', answer: 'Blue' }]),
    );
    expect(unknown.flinksCode).toBe('QUESTION_NOT_FOUND');
    // The stored answer is now the one the bank expects on a live refresh.
    const live = await flinks.authorize({ loginId, mostRecentCached: false });
    if (live.kind !== 'mfa_required') throw new Error('expected MFA');
    const answered = await flinks.authorize({
      requestId: live.requestId,
      securityResponses: { [live.challenges[0]?.prompt ?? '']: ['Quebec City'] },
      loginId,
    });
    expect(answered.kind).toBe('authorized');
  });

  it('setScheduledRefresh and getNightlyRefreshStatus: a scheduled login whose refresh failed is listed', async () => {
    const flinks = client();
    const { loginId } = await sandbox.control.createLogin('test_service_unavailable');
    await flinks.setScheduledRefresh(loginId, true);
    await caught(flinks.authorize({ loginId, mostRecentCached: false }));
    const status = await flinks.getNightlyRefreshStatus();
    expect(status.IneligibleCards?.map((card) => card.LoginId?.toLowerCase())).toContain(
      loginId.toLowerCase(),
    );
    await flinks.setScheduledRefresh(loginId, false);
    expect((await flinks.getNightlyRefreshStatus()).IneligibleCards ?? []).toHaveLength(0);
  });
});

describe('logging against the emulator', () => {
  it('hands the logger no credential, token or LoginId over a whole flow', async () => {
    const flinks = client();
    const { loginId, requestId } = await cachedSession(flinks);
    await flinks.getAccountsDetail(requestId);
    await flinks.deleteCard(loginId);
    const logged = logLines.join('\n').toLowerCase();
    expect(logged).toContain('getaccountsdetailasync');
    for (const secret of [sandbox.secretKey, sandbox.apiKey, loginId])
      expect(logged).not.toContain(secret.toLowerCase());
  });
});

describe('webhooks from the emulator', () => {
  it('verifies and parses a real delivery, and rejects mis-signed and unsigned ones', async () => {
    const secret = 'webhook-secret-for-tests';
    const received: Array<{ raw: string; headers: IncomingMessage['headers'] }> = [];
    let notify: () => void = () => {};
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ raw: Buffer.concat(chunks).toString('utf8'), headers: request.headers });
        response.writeHead(200).end();
        notify();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const arrived = (count: number) =>
      new Promise<void>((resolve) => {
        notify = () => received.length >= count && resolve();
        notify();
      });
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      await sandbox.control.configure({ webhook: { url, secret } });
      const flinks = client();
      const { requestId } = await cachedSession(flinks);
      await flinks.getAccountsDetail(requestId);
      await arrived(1);
      const [delivery] = received;
      if (!delivery) throw new Error('no delivery');
      expect(verifyWebhookSignature(delivery.raw, delivery.headers, secret)).toBe(true);
      expect(verifyWebhookSignature(delivery.raw, delivery.headers, 'another-secret')).toBe(false);
      const payload = parseWebhookPayload(delivery.raw);
      expect(payload.kind).toBe('accounts_detail');

      await sandbox.control.deliverWebhook({ requestId, badSignature: true });
      await arrived(2);
      expect(verifyWebhookSignature(received[1]?.raw ?? '', received[1]?.headers ?? {}, secret)).toBe(false);
      await sandbox.control.deliverWebhook({ requestId, unsigned: true });
      await arrived(3);
      expect(verifyWebhookSignature(received[2]?.raw ?? '', received[2]?.headers ?? {}, secret)).toBe(false);
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe('Enrich against the emulator', () => {
  it('categorises every transaction of the retrieval it names, and lists the Canadian taxonomy', async () => {
    const flinks = client();
    const { loginId, requestId } = await cachedSession(flinks);
    const detail = await flinks.getAccountsDetail(requestId);
    const categorized = await flinks.getCategorization(loginId, requestId);
    const ids = detail.Accounts.flatMap((account) => (account.Transactions ?? []).map((t) => t.Id));
    expect(categorized.Transactions.map((t) => t.TransactionId)).toEqual(ids);
    const taxonomy = await flinks.getCategories('CA');
    const pairs = new Set(
      taxonomy.flatMap((primary) =>
        (primary.SubCategories ?? []).map((sub) => `${primary.PrimaryCategoryName}/${sub.SubCategoryName}`),
      ),
    );
    for (const t of categorized.Transactions) expect(pairs.has(`${t.Category}/${t.SubCategory}`)).toBe(true);
    expect(logLines.join('\n')).not.toContain(loginId);
    expect(logLines.join('\n')).not.toContain(sandbox.secretKey);
  });

  it('fails with the emulator’s typed errors for an unknown login and a wrong key', async () => {
    const flinks = client();
    const { loginId, requestId } = await cachedSession(flinks);
    await flinks.getAccountsDetail(requestId);
    const stranger = '11111111-2222-4333-8444-555555555555';
    expect((await caught(flinks.getCategorization(stranger, requestId))).flinksCode).toBe('INVALID_REQUEST');
    const wrongKey = client({ secretKey: '00000000-0000-0000-0000-000000000000' });
    const refused = await caught(wrongKey.getCategorization(loginId, requestId));
    expect([refused.flinksCode, refused.status]).toEqual(['UNAUTHORIZED', 401]);
  });
});
