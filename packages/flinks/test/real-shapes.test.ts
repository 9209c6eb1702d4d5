/**
 * The client on every answer shape real Flinks is known to send (test/real-shapes.ts names each one's
 * source), over HTTP against a scripted server: each is accepted, and a body that breaks a shape fails with a
 * typed error naming the field.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFlinksClient } from '../src/client.ts';
import { API_KEY, CUSTOMER_ID, type FakeFlinks, SECRET_KEY, startFakeFlinks } from './fake-flinks.ts';
import { ACCOUNT_ID, caught, LOGIN_ID, REQUEST_ID, TOKEN } from './fixtures.ts';
import {
  capturedAccountsSummary200,
  capturedAuthorize200AfterSecurityResponses,
  capturedAuthorize203,
  capturedInvalidCredentials,
  capturedPendingWithPlaceholderLinks,
  capturedUnknownLogin400,
  docsCategoriesCA200,
  docsCategorization200,
  docsNightlyRefreshStatus200,
  docsNightlyRefreshStatusAwaitingAnswers200,
  docsStatements200,
  integrationsAuthorize203WithChoices,
} from './real-shapes.ts';

let fake: FakeFlinks;

const client = () =>
  createFlinksClient({
    apiUrl: fake.apiUrl,
    customerId: CUSTOMER_ID,
    secretKey: SECRET_KEY,
    apiKey: API_KEY,
    pollIntervalMs: 10,
    pollTimeoutMs: 5_000,
    requestTimeoutMs: 2_000,
  });

beforeEach(async () => {
  fake = await startFakeFlinks();
});
afterEach(async () => {
  await fake.close();
});

describe('Authorize, as FlinksCapital answers it', () => {
  it('takes the LoginId the caller gave when the 200 to SecurityResponses carries no Login', async () => {
    fake.on('Authorize', { status: 200, json: capturedAuthorize200AfterSecurityResponses() });
    const result = await client().authorize({
      requestId: REQUEST_ID,
      securityResponses: { 'What shape do people like most?': ['Triangle'] },
      loginId: LOGIN_ID,
      authorizeToken: TOKEN,
    });
    expect(result).toMatchObject({
      kind: 'authorized',
      loginId: LOGIN_ID,
      requestId: REQUEST_ID,
      institution: 'FlinksCapital',
      institutionId: 14,
      lastRefreshAt: null,
    });
    // The LoginId is the caller's to know: it is not sent with the answers.
    expect(fake.requests[0]?.body).toEqual({
      RequestId: REQUEST_ID,
      SecurityResponses: { 'What shape do people like most?': ['Triangle'] },
    });
  });

  it('fails naming Login.Id when the 200 has no Login and the caller gave no LoginId', async () => {
    fake.on('Authorize', { status: 200, json: capturedAuthorize200AfterSecurityResponses() });
    const error = await caught(
      client().authorize({ requestId: REQUEST_ID, securityResponses: { q: ['a'] }, authorizeToken: TOKEN }),
    );
    expect(error.flinksCode).toBe('MALFORMED_RESPONSE');
    expect((error.issues ?? []).map((issue) => issue.path.join('.'))).toEqual(['Login.Id']);
  });

  it('maps a 203 to a cached Authorize, without Iterables, to mfa_required with the institution', async () => {
    fake.on('Authorize', { status: 203, json: capturedAuthorize203() });
    const result = await client().authorize({
      loginId: LOGIN_ID,
      mostRecentCached: true,
      authorizeToken: TOKEN,
    });
    expect(result).toEqual({
      kind: 'mfa_required',
      requestId: REQUEST_ID,
      institution: 'FlinksCapital',
      institutionId: 14,
      challenges: [{ type: 'QuestionAndAnswer', prompt: 'What shape do people like most?', choices: [] }],
    });
  });

  it('keeps the choices of every challenge type integrations have seen', async () => {
    fake.on('Authorize', { status: 203, json: integrationsAuthorize203WithChoices() });
    const result = await client().authorize({
      loginId: LOGIN_ID,
      mostRecentCached: false,
      authorizeToken: TOKEN,
    });
    if (result.kind !== 'mfa_required') throw new Error('expected mfa_required');
    expect(result.challenges.map((challenge) => [challenge.type, challenge.choices.length])).toEqual([
      ['MultipleChoice', 2],
      ['MultipleChoiceMultipleAnswers', 3],
      ['ImageSelection', 1],
      ['TextOrCall', 2],
    ]);
  });

  it('fails naming SecurityChallenges.0.Prompt when a challenge has no prompt', async () => {
    const body = capturedAuthorize203();
    fake.on('Authorize', {
      status: 203,
      json: { ...body, SecurityChallenges: [{ Type: 'QuestionAndAnswer' }] },
    });
    const error = await caught(
      client().authorize({ loginId: LOGIN_ID, mostRecentCached: true, authorizeToken: TOKEN }),
    );
    expect(error.flinksCode).toBe('MALFORMED_RESPONSE');
    expect(error.issues?.[0]?.path).toEqual(['SecurityChallenges', 0, 'Prompt']);
  });

  it.each(['INVALID_PASSWORD', 'INVALID_USERNAME'] as const)(
    'maps a 401 %s to a terminal FlinksError with that code',
    async (code) => {
      fake.on('Authorize', { status: 401, json: capturedInvalidCredentials(code) });
      const error = await caught(
        client().authorize({
          username: 'Greatday',
          password: 'wrong',
          institution: 'FlinksCapital',
          authorizeToken: TOKEN,
        }),
      );
      expect([error.flinksCode, error.status, error.retryable, error.requestId]).toEqual([
        code,
        401,
        false,
        REQUEST_ID,
      ]);
    },
  );
});

describe('login endpoints, as FlinksCapital answers them', () => {
  it('maps an unknown login on GetMFAQuestions to 400 INVALID_REQUEST without quoting the LoginId', async () => {
    fake.on('GetMFAQuestions', { status: 400, json: capturedUnknownLogin400(LOGIN_ID) });
    const error = await caught(client().getMfaQuestions(LOGIN_ID));
    expect([error.flinksCode, error.status]).toEqual(['INVALID_REQUEST', 400]);
    expect(error.message).not.toContain(LOGIN_ID);
  });

  it('sends GetNightlyRefreshStatus the secret key as a bearer token and reads its answer', async () => {
    fake.on('GetNightlyRefreshStatus', { status: 200, json: docsNightlyRefreshStatus200() });
    const status = await client().getNightlyRefreshStatus();
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(status.IneligibleCards?.[0]).toMatchObject({
      LoginId: LOGIN_ID,
      LastRefreshErrorCode: 'RETRY_LATER',
    });
  });

  it('reads the documented example of a login listed without an error code, stopped at a security question', async () => {
    fake.on('GetNightlyRefreshStatus', { status: 200, json: docsNightlyRefreshStatusAwaitingAnswers200() });
    const status = await client().getNightlyRefreshStatus();
    expect(status.IneligibleCards?.[0]).toMatchObject({
      LoginId: LOGIN_ID,
      LastRefreshState: 'AnsweringSecurityChallenge',
      LastRefreshErrorCode: null,
    });
  });
});

describe('data endpoints, as FlinksCapital answers them', () => {
  it('reads the real GetAccountsSummary shape, a masked card included', async () => {
    fake.on('GetAccountsSummary', { status: 200, json: capturedAccountsSummary200() });
    const summary = await client().getAccountsSummary(REQUEST_ID);
    expect(summary.Login).toBeUndefined();
    expect(summary.Accounts.map((account) => [account.Title, account.Type, account.AccountNumber])).toEqual([
      ['Chequing CAD', undefined, '1111000'],
      ['Credit Card', undefined, '420024******4242'],
    ]);
    expect(summary.Accounts[0]?.EftEligibleRatio).toBe(1);
  });

  it('polls the Async path it builds itself, whatever placeholder the 202 Links hold', async () => {
    fake.on('GetAccountsSummary', { status: 202, json: capturedPendingWithPlaceholderLinks() });
    fake.on('GetAccountsSummaryAsync', { status: 200, json: capturedAccountsSummary200() });
    await client().getAccountsSummary(REQUEST_ID);
    expect(
      fake.requests.map((request) => `${request.method} ${request.path.split('BankingServices/')[1]}`),
    ).toEqual(['POST GetAccountsSummary', `GET GetAccountsSummaryAsync/${REQUEST_ID}`]);
  });

  it('sends DateFrom, DateTo and RefreshDelta on GetAccountsDetail, and refuses a date that is not yyyy-MM-dd', async () => {
    fake.on('GetAccountsDetail', { status: 200, json: { HttpStatusCode: 200, Accounts: [] } });
    await client().getAccountsDetail(REQUEST_ID, {
      withTransactions: true,
      dateFrom: '2025-01-01',
      dateTo: '2025-01-31',
      refreshDelta: true,
    });
    expect(fake.requests[0]?.body).toMatchObject({
      DateFrom: '2025-01-01',
      DateTo: '2025-01-31',
      RefreshDelta: true,
    });
    const error = await caught(client().getAccountsDetail(REQUEST_ID, { dateFrom: '01/31/2025' }));
    expect([error.flinksCode, error.issues?.[0]?.path]).toEqual(['INVALID_ARGUMENT', ['DateFrom']]);
  });

  it('reads GetStatements, from its 200 or through GetStatementsAsync after a 202', async () => {
    fake.on('GetStatements', { status: 202, json: capturedPendingWithPlaceholderLinks() });
    fake.on('GetStatementsAsync', { status: 200, json: docsStatements200() });
    const answer = await client().getStatements(REQUEST_ID, {
      numberOfStatements: 'Months3',
      accountsFilter: [ACCOUNT_ID],
    });
    expect(fake.requests[0]?.body).toEqual({
      RequestId: REQUEST_ID,
      NumberOfStatements: 'Months3',
      AccountsFilter: [ACCOUNT_ID],
    });
    expect(fake.requests[1]?.path).toContain(`GetStatementsAsync/${REQUEST_ID}`);
    const [statement] = answer.StatementsByAccount[0]?.Statements ?? [];
    expect(Buffer.from(statement?.Base64Bytes ?? '', 'base64').toString('latin1')).toMatch(/^%PDF-/);
  });

  it('fails naming the field when a statement is not base64', async () => {
    const body = docsStatements200();
    const [byAccount] = body.StatementsByAccount;
    fake.on('GetStatements', {
      status: 200,
      json: {
        ...body,
        StatementsByAccount: [
          { ...byAccount, Statements: [{ UniqueId: 'x', FileType: 'PDF', Base64Bytes: '%%' }] },
        ],
      },
    });
    const error = await caught(client().getStatements(REQUEST_ID));
    expect(error.flinksCode).toBe('MALFORMED_RESPONSE');
    expect(error.issues?.[0]?.path).toEqual(['StatementsByAccount', 0, 'Statements', 0, 'Base64Bytes']);
  });
});

describe('Enrich, as docs.flinks.com shows it', () => {
  it('reads GetCategorization, money in spelt `credit`, with the secret key as a bearer token on its own path', async () => {
    fake.on('GetCategorization', { status: 200, json: docsCategorization200() });
    const answer = await client().getCategorization(LOGIN_ID, REQUEST_ID);
    expect(answer.LoginId).toBe(LOGIN_ID);
    expect(
      answer.Transactions.map((t) => [
        t.TransactionId.slice(-1),
        t.Category,
        t.SubCategory,
        t.Debit,
        t.Credit,
      ]),
    ).toEqual([
      ['1', 'Food and Dining', 'Coffee Shops', 4.75, null],
      ['2', 'Transfers and Adjustments', 'Balance Adjustment', undefined, 31.2],
    ]);
    const [request] = fake.requests;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe(`/v3/${CUSTOMER_ID}/categorization/login/${LOGIN_ID}/requestid/${REQUEST_ID}`);
    expect(request?.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
  });

  it('fails naming the field when a categorised transaction has no TransactionId, or the body no Transactions', async () => {
    const body = docsCategorization200();
    const [first, second] = body.Transactions;
    fake.on(
      'GetCategorization',
      { status: 200, json: { ...body, Transactions: [first, { ...second, TransactionId: undefined }] } },
      { status: 200, json: { ...body, Transactions: undefined } },
    );
    const missingId = await caught(client().getCategorization(LOGIN_ID, REQUEST_ID));
    expect(missingId.flinksCode).toBe('MALFORMED_RESPONSE');
    expect(missingId.issues?.[0]?.path).toEqual(['Transactions', 1, 'TransactionId']);
    const missingList = await caught(client().getCategorization(LOGIN_ID, REQUEST_ID));
    expect(missingList.issues?.[0]?.path).toEqual(['Transactions']);
  });

  it('turns Flinks errors into typed errors without the LoginId, and refuses identifiers that are not GUIDs unsent', async () => {
    fake.on(
      'GetCategorization',
      { status: 400, json: capturedUnknownLogin400(LOGIN_ID) },
      { status: 202, json: { HttpStatusCode: 202, FlinksCode: 'OPERATION_PENDING', RequestId: REQUEST_ID } },
      { status: 503, text: 'Service Unavailable' },
    );
    const unknown = await caught(client().getCategorization(LOGIN_ID, REQUEST_ID));
    expect([unknown.flinksCode, unknown.status, unknown.endpoint]).toEqual([
      'INVALID_REQUEST',
      400,
      'GetCategorization',
    ]);
    expect(unknown.message).not.toContain(LOGIN_ID);
    const pending = await caught(client().getCategorization(LOGIN_ID, REQUEST_ID));
    expect([pending.flinksCode, pending.status]).toEqual(['OPERATION_PENDING', 202]);
    const down = await caught(client().getCategorization(LOGIN_ID, REQUEST_ID));
    expect([down.flinksCode, down.status, down.retryable]).toEqual(['HTTP_ERROR', 503, true]);

    const sent = fake.requests.length;
    const bad = await caught(client().getCategorization('not-a-guid', REQUEST_ID));
    expect(bad.flinksCode).toBe('INVALID_ARGUMENT');
    expect(bad.message).toContain('loginId');
    expect(fake.requests).toHaveLength(sent);
  });

  it('reads the Categories taxonomy of a country and fails naming the field of a primary category without a name', async () => {
    fake.on(
      'Categories',
      { status: 200, json: docsCategoriesCA200() },
      { status: 200, json: [{ ...docsCategoriesCA200()[0], PrimaryCategoryName: undefined }] },
    );
    const taxonomy = await client().getCategories('CA');
    expect(taxonomy.map((primary) => primary.PrimaryCategoryName)).toEqual(['Food and Dining', 'Income']);
    expect(fake.requests[0]?.path).toBe(`/v3/${CUSTOMER_ID}/BankingServices/Categories/CA`);
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    const broken = await caught(client().getCategories('US'));
    expect(broken.issues?.[0]?.path).toEqual([0, 'PrimaryCategoryName']);
    // biome-ignore lint/suspicious/noExplicitAny: a caller outside TypeScript's reach
    const refused = await caught(client().getCategories('FR' as any));
    expect(refused.flinksCode).toBe('INVALID_ARGUMENT');
  });
});
