/**
 * The Flinks client: one method per endpoint, camelCase in, Flinks' PascalCase on the wire, typed results
 * out, every failure a FlinksError. Nothing that can have a side effect at Flinks is ever sent twice by the
 * client; only the Async polling GETs are retried (see polling.ts).
 */
import { z } from 'zod';
import { decodeBody, errorFromAnswer, malformed, readErrorBody, toSchemaIssues } from './decode.ts';
import { CLIENT_ERROR_CODES, FlinksError } from './errors.ts';
import { type PollingOptions, pollUntilReady } from './polling.ts';
import { REDACTED } from './redact.ts';
import {
  AccountsDetailRequest,
  AccountsDetailResponse,
  AccountsSummaryRequest,
  AccountsSummaryResponse,
  AnswerMfaQuestionsRequest,
  AuthorizeMfaResponse,
  AuthorizeRequest,
  AuthorizeResponse,
  CategoriesCountry,
  CategoriesResponse,
  CategorizationResponse,
  type DaysOfTransactions,
  FlinksGuid,
  type FlinksInstitution,
  type FlinksLanguage,
  GenerateAuthorizeTokenResponse,
  MessageResponse,
  MfaQuestionsResponse,
  NightlyRefreshStatusResponse,
  type NumberOfStatements,
  type SecurityResponses,
  SetScheduledRefreshRequest,
  StatementsRequest,
  StatementsResponse,
} from './schemas.ts';
import {
  type BeforeDecode,
  createTransport,
  type Exchange,
  type FetchLike,
  type FlinksLogger,
} from './transport.ts';

export interface FlinksClientOptions {
  /** The instance's origin, e.g. `https://toolbox-api.private.fin.ag`, or the emulator's. */
  apiUrl: string;
  customerId: string;
  /** Sent to GenerateAuthorizeToken as `flinks-auth-key`, and as a bearer token to GetNightlyRefreshStatus and Enrich. */
  secretKey: string;
  /** Sent as `x-api-key` to the data, MFA-question, refresh-setting and deletion endpoints. */
  apiKey: string;
  /** Between two GETs of an Async endpoint. Default 10 s (Flinks' guidance). */
  pollIntervalMs?: number;
  /** A retrieval gives up this long after it started. Default 30 min (Flinks' guidance). */
  pollTimeoutMs?: number;
  /** One HTTP exchange, headers and body. Default 240 s: Flinks may hold a call open for 210 s. */
  requestTimeoutMs?: number;
  /** Longest wait between two polls after transient failures. Default 2 min. */
  retryBackoffMaxMs?: number;
  logger?: FlinksLogger;
  fetch?: FetchLike;
  /**
   * Called with the length of an answer's body and its status between its arrival and its decoding (JSON and
   * schema, the costly part of a large answer), and awaited: a server running many retrievals passes a
   * scheduler that decodes large answers arriving together one per turn of its event loop, serving its
   * requests in between.
   */
  beforeDecode?: BeforeDecode;
}

const ClientOptions = z.object({
  apiUrl: z.url({ protocol: /^https?$/ }),
  customerId: z.string().min(1),
  secretKey: z.string().min(1),
  apiKey: z.string().min(1),
  pollIntervalMs: z.number().int().positive().default(10_000),
  pollTimeoutMs: z.number().int().positive().default(1_800_000),
  requestTimeoutMs: z.number().int().positive().max(2_147_483_647).default(240_000),
  retryBackoffMaxMs: z.number().int().positive().default(120_000),
});

export interface CallOptions {
  signal?: AbortSignal;
}

export interface RetrievalOptions extends CallOptions, PollingOptions {}

export interface ResumeOptions extends RetrievalOptions {
  /** When the retrieval was started (its POST was sent): the polling cap runs from there. Default: now. */
  startedAt?: Date | number;
}

interface AuthorizeCommon {
  /** A token from `generateAuthorizeToken()`; when absent the client mints one for this call. */
  authorizeToken?: string;
  language?: FlinksLanguage;
  /** Echoed back by Flinks. */
  tag?: string;
}

/** The four forms of /Authorize. */
export type AuthorizeParams =
  /** Cached (`mostRecentCached: true`, never MFA) or live refresh with the bank (`false`, may need MFA). */
  | (AuthorizeCommon & { loginId: string; mostRecentCached: boolean; save?: boolean })
  /** Direct login without Connect. `save` defaults to true, so that Flinks keeps the LoginId. */
  | (AuthorizeCommon & { username: string; password: string; institution: string; save?: boolean })
  /**
   * Answers to the security challenges of a 203, keyed by their prompts. `loginId` is the LoginId the session
   * was opened with, when there was one: Flinks' 200 to these answers then carries no `Login`, and the result
   * takes this one. It is not sent.
   */
  | (AuthorizeCommon & { requestId: string; securityResponses: SecurityResponses; loginId?: string });

export interface MfaChallenge {
  /** `QuestionAndAnswer`, `MultipleChoice`, … as Flinks names it (null when Flinks did not say). */
  type: string | null;
  /** The question; also the key of its answer in `securityResponses`. */
  prompt: string;
  /** Choices for multiple-choice challenges, empty otherwise. */
  choices: string[];
}

export type AuthorizeResult =
  | {
      kind: 'authorized';
      requestId: string;
      loginId: string;
      /** Institution name, e.g. `FlinksCapital`. */
      institution: string | null;
      institutionId: number | null;
      /** The username the person signed in to the bank with (`Login.Username`), when Flinks gives it. */
      username: string | null;
      /** When Flinks last refreshed this login with the bank. */
      lastRefreshAt: Date | null;
      isScheduledRefresh: boolean | null;
      tag: string | null;
    }
  | {
      kind: 'mfa_required';
      requestId: string;
      institution: string | null;
      institutionId: number | null;
      challenges: MfaChallenge[];
    };

/** GetAccountsDetail options, camelCase; sent as Flinks' PascalCase fields. */
export interface AccountsDetailOptions {
  withAccountIdentity?: boolean;
  withKyc?: boolean;
  withTransactions?: boolean;
  withBalance?: boolean;
  daysOfTransactions?: DaysOfTransactions;
  /** Account Ids to restrict the answer to. */
  accountsFilter?: string[];
  withDetailsAndBankingStatements?: boolean;
  numberOfBankingStatements?: string;
  /** `yyyy-MM-dd`: the first and last day of transactions wanted. */
  dateFrom?: string;
  dateTo?: string;
  /** Only what changed since the last retrieval. */
  refreshDelta?: boolean;
}

/** GetStatements options. */
export interface StatementsOptions {
  /** Default (Flinks'): `MostRecent`. */
  numberOfStatements?: NumberOfStatements;
  /** Account Ids to restrict the answer to. */
  accountsFilter?: string[];
}

export interface FlinksClient {
  /** A single-use authorize token (valid 30 min; rely on 15), for Connect's `authorizeToken` or /Authorize. */
  generateAuthorizeToken(options?: CallOptions): Promise<string>;
  /** /Authorize in any form. Resolves `authorized` (200) or `mfa_required` (203); anything else throws. */
  authorize(params: AuthorizeParams, options?: CallOptions): Promise<AuthorizeResult>;
  /** Accounts with balances, no transactions: POST, then polls the Async endpoint on 202. */
  getAccountsSummary(requestId: string, options?: RetrievalOptions): Promise<AccountsSummaryResponse>;
  /** Resumes polling GetAccountsSummaryAsync for a retrieval already started, without a second POST. */
  pollAccountsSummary(requestId: string, options?: ResumeOptions): Promise<AccountsSummaryResponse>;
  /** Accounts with transactions: POST, then polls the Async endpoint on 202 until 200 or the cap. */
  getAccountsDetail(
    requestId: string,
    detail?: AccountsDetailOptions,
    options?: RetrievalOptions,
  ): Promise<AccountsDetailResponse>;
  /** Resumes polling GetAccountsDetailAsync for a retrieval already started, without a second POST. */
  pollAccountsDetail(requestId: string, options?: ResumeOptions): Promise<AccountsDetailResponse>;
  /** The bank's monthly statements (base64 PDFs) per account: POST, then polls GetStatementsAsync on 202. */
  getStatements(
    requestId: string,
    statements?: StatementsOptions,
    options?: RetrievalOptions,
  ): Promise<StatementsResponse>;
  /** Resumes polling GetStatementsAsync for statements already asked for, without a second POST. */
  pollStatements(requestId: string, options?: ResumeOptions): Promise<StatementsResponse>;
  /** Removes everything Flinks holds for the login (400 CARD_IN_USE while a session runs on it). */
  deleteCard(loginId: string, options?: CallOptions): Promise<void>;
  /** The security questions Flinks stored for the login. */
  getMfaQuestions(loginId: string, options?: CallOptions): Promise<string[]>;
  /** Stores answers to the login's security questions (for refreshes without a person present). */
  answerMfaQuestions(
    loginId: string,
    answers: { question: string; answer: string }[],
    options?: CallOptions,
  ): Promise<void>;
  /** Turns Flinks' nightly refresh of the login on or off. */
  setScheduledRefresh(loginId: string, isActivated: boolean, options?: CallOptions): Promise<void>;
  /** Logins set for nightly refresh that no longer refresh, with the reason. */
  getNightlyRefreshStatus(options?: CallOptions): Promise<NightlyRefreshStatusResponse>;
  /**
   * Enrich's Broad Categorization: the transactions of the request's GetAccountsDetail, each with a Category
   * and SubCategory. Meant once that retrieval has answered 200; a 202 (still processing) is a FlinksError
   * `OPERATION_PENDING`, not polled.
   */
  getCategorization(
    loginId: string,
    requestId: string,
    options?: CallOptions,
  ): Promise<CategorizationResponse>;
  /** The Broad Categorization taxonomy of a country (`CA` or `US`). */
  getCategories(countryCode: CategoriesCountry, options?: CallOptions): Promise<CategoriesResponse>;
}

export function createFlinksClient(options: FlinksClientOptions): FlinksClient {
  const parsed = ClientOptions.safeParse(options);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].join(', ');
    throw new TypeError(`Invalid Flinks client options: ${fields}`);
  }
  const settings = parsed.data;
  const rootUrl = `${settings.apiUrl.replace(/\/+$/, '')}/v3/${encodeURIComponent(settings.customerId)}`;
  const transport = createTransport({
    rootUrl,
    fetch: options.fetch,
    logger: options.logger,
    beforeDecode: options.beforeDecode,
  });
  const credentials = [settings.secretKey, settings.apiKey];
  const apiKeyHeaders = { 'x-api-key': settings.apiKey };

  /** A request/response call: any 2xx is decoded with `schema`, anything else is the FlinksError it says. */
  async function call<T extends z.ZodType>(
    exchange: Omit<Exchange, 'timeoutMs'>,
    schema: T,
    context: { sensitive: readonly string[]; requestId?: string },
  ): Promise<z.output<T>> {
    const answer = await transport.send({ ...exchange, timeoutMs: settings.requestTimeoutMs });
    const decodeContext = { endpoint: exchange.endpoint, status: answer.status, ...context };
    if (answer.status >= 200 && answer.status < 300) return decodeBody(answer.text, schema, decodeContext);
    throw errorFromAnswer({ status: answer.status, body: readErrorBody(answer.text) }, decodeContext);
  }

  async function generateAuthorizeToken(callOptions: CallOptions = {}): Promise<string> {
    const body = await call(
      {
        endpoint: 'GenerateAuthorizeToken',
        method: 'post',
        path: 'GenerateAuthorizeToken',
        logPath: 'GenerateAuthorizeToken',
        headers: { 'flinks-auth-key': settings.secretKey },
        signal: callOptions.signal,
      },
      GenerateAuthorizeTokenResponse,
      { sensitive: credentials },
    );
    return body.Token;
  }

  async function authorize(params: AuthorizeParams, callOptions: CallOptions = {}): Promise<AuthorizeResult> {
    const body = authorizeBody(params);
    const sensitive = [...credentials, ...authorizeSecrets(params)];
    const request = AuthorizeRequest.safeParse(body);
    if (!request.success) throw invalidArgument('Authorize', request.error);
    if ('securityResponses' in params && params.loginId !== undefined) {
      const known = FlinksGuid.safeParse(params.loginId);
      if (!known.success) throw invalidArgument('Authorize', known.error);
    }
    const token = params.authorizeToken ?? (await generateAuthorizeToken(callOptions));
    sensitive.push(token);

    const endpoint = 'Authorize';
    const answer = await transport.send({
      endpoint,
      method: 'post',
      path: endpoint,
      logPath: endpoint,
      headers: { 'flinks-auth-key': token },
      json: request.data,
      timeoutMs: settings.requestTimeoutMs,
      signal: callOptions.signal,
    });
    const context = { endpoint, status: answer.status, sensitive, requestId: request.data.RequestId };
    if (answer.status === 203) {
      const mfa = decodeBody(answer.text, AuthorizeMfaResponse, context);
      return {
        kind: 'mfa_required',
        requestId: mfa.RequestId,
        institution: institutionName(mfa.Institution, mfa.InstitutionName),
        institutionId: mfa.InstitutionId ?? institutionId(mfa.Institution),
        challenges: mfa.SecurityChallenges.map((challenge) => ({
          type: challenge.Type ?? null,
          prompt: challenge.Prompt,
          choices: challenge.Iterables ?? [],
        })),
      };
    }
    if (answer.status === 200) {
      const authorized = decodeBody(answer.text, AuthorizeResponse, context);
      const loginId = authorized.Login?.Id ?? ('loginId' in params ? params.loginId : undefined);
      if (loginId === undefined) {
        throw malformed(context, 'carries no Login.Id and none was given with the answers', [
          { path: ['Login', 'Id'], message: 'Required when the session was not opened with a LoginId' },
        ]);
      }
      return {
        kind: 'authorized',
        requestId: authorized.RequestId,
        loginId,
        institution: institutionName(authorized.Institution, authorized.InstitutionName),
        institutionId: authorized.InstitutionId ?? institutionId(authorized.Institution),
        username: authorized.Login?.Username?.trim() || null,
        lastRefreshAt: parseFlinksDateTime(authorized.Login?.LastRefresh),
        isScheduledRefresh: authorized.Login?.IsScheduledRefresh ?? null,
        tag: authorized.Tag ?? null,
      };
    }
    throw errorFromAnswer({ status: answer.status, body: readErrorBody(answer.text) }, context);
  }

  /** POST a data endpoint; 200 is the data, 202 starts polling its Async twin. */
  async function retrieve<T extends z.ZodType>(
    endpoint: 'GetAccountsSummary' | 'GetAccountsDetail' | 'GetStatements',
    body: { RequestId: string },
    schema: T,
    retrievalOptions: RetrievalOptions,
  ): Promise<z.output<T>> {
    const startedAt = Date.now();
    const answer = await transport.send({
      endpoint,
      method: 'post',
      path: endpoint,
      logPath: endpoint,
      headers: apiKeyHeaders,
      json: body,
      timeoutMs: Math.min(settings.requestTimeoutMs, settings.pollTimeoutMs),
      signal: retrievalOptions.signal,
      beforeDecode: retrievalOptions.beforeDecode,
    });
    const context = { endpoint, status: answer.status, requestId: body.RequestId, sensitive: credentials };
    if (answer.status === 202) {
      const flinksCode = readErrorBody(answer.text)?.FlinksCode ?? 'OPERATION_PENDING';
      await retrievalOptions.onPending?.({ attempt: 1, elapsedMs: Date.now() - startedAt, flinksCode });
      return pollUntilReady(
        transport,
        settings,
        {
          endpoint: `${endpoint}Async`,
          requestId: body.RequestId,
          headers: apiKeyHeaders,
          schema,
          sensitive: credentials,
          startedAt,
          pendingAnswers: 1,
          waitFirst: true,
        },
        retrievalOptions,
      );
    }
    if (answer.status >= 200 && answer.status < 300) return decodeBody(answer.text, schema, context);
    throw errorFromAnswer({ status: answer.status, body: readErrorBody(answer.text) }, context);
  }

  async function resume<T extends z.ZodType>(
    endpoint: 'GetAccountsSummaryAsync' | 'GetAccountsDetailAsync' | 'GetStatementsAsync',
    requestId: string,
    schema: T,
    resumeOptions: ResumeOptions,
  ): Promise<z.output<T>> {
    const checked = FlinksGuid.safeParse(requestId);
    if (!checked.success) throw invalidArgument(endpoint, checked.error);
    const { startedAt } = resumeOptions;
    return pollUntilReady(
      transport,
      settings,
      {
        endpoint,
        requestId,
        headers: apiKeyHeaders,
        schema,
        sensitive: credentials,
        startedAt: startedAt === undefined ? Date.now() : Number(startedAt),
        pendingAnswers: 0,
        waitFirst: false,
      },
      resumeOptions,
    );
  }

  async function getAccountsSummary(requestId: string, retrievalOptions: RetrievalOptions = {}) {
    const body = AccountsSummaryRequest.safeParse({ RequestId: requestId });
    if (!body.success) throw invalidArgument('GetAccountsSummary', body.error);
    return retrieve('GetAccountsSummary', body.data, AccountsSummaryResponse, retrievalOptions);
  }

  async function getAccountsDetail(
    requestId: string,
    detail: AccountsDetailOptions = {},
    retrievalOptions: RetrievalOptions = {},
  ) {
    const body = AccountsDetailRequest.safeParse({
      RequestId: requestId,
      WithAccountIdentity: detail.withAccountIdentity,
      WithKYC: detail.withKyc,
      WithTransactions: detail.withTransactions,
      WithBalance: detail.withBalance,
      DaysOfTransactions: detail.daysOfTransactions,
      AccountsFilter: detail.accountsFilter,
      WithDetailsAndBankingStatements: detail.withDetailsAndBankingStatements,
      NumberOfBankingStatements: detail.numberOfBankingStatements,
      DateFrom: detail.dateFrom,
      DateTo: detail.dateTo,
      RefreshDelta: detail.refreshDelta,
    });
    if (!body.success) throw invalidArgument('GetAccountsDetail', body.error);
    return retrieve('GetAccountsDetail', body.data, AccountsDetailResponse, retrievalOptions);
  }

  async function getStatements(
    requestId: string,
    statements: StatementsOptions = {},
    retrievalOptions: RetrievalOptions = {},
  ) {
    const body = StatementsRequest.safeParse({
      RequestId: requestId,
      NumberOfStatements: statements.numberOfStatements,
      AccountsFilter: statements.accountsFilter,
    });
    if (!body.success) throw invalidArgument('GetStatements', body.error);
    return retrieve('GetStatements', body.data, StatementsResponse, retrievalOptions);
  }

  /** Endpoints whose path ends with a LoginId: logged and reported with the LoginId blanked out. */
  function loginIdCall<T extends z.ZodType>(
    endpoint: 'DeleteCard' | 'GetMFAQuestions',
    method: 'get' | 'delete',
    loginId: string,
    schema: T,
    callOptions: CallOptions,
  ): Promise<z.output<T>> {
    const checked = FlinksGuid.safeParse(loginId);
    if (!checked.success) return Promise.reject(invalidArgument(endpoint, checked.error));
    return call(
      {
        endpoint,
        method,
        path: `${endpoint}/${loginId}`,
        logPath: `${endpoint}/${REDACTED}`,
        headers: apiKeyHeaders,
        signal: callOptions.signal,
      },
      schema,
      { sensitive: [...credentials, loginId] },
    );
  }

  async function deleteCard(loginId: string, callOptions: CallOptions = {}): Promise<void> {
    await loginIdCall('DeleteCard', 'delete', loginId, MessageResponse, callOptions);
  }

  async function getMfaQuestions(loginId: string, callOptions: CallOptions = {}): Promise<string[]> {
    const body = await loginIdCall('GetMFAQuestions', 'get', loginId, MfaQuestionsResponse, callOptions);
    return body.Questions.map((question) => question.Question);
  }

  /** Endpoints that change a login with a JSON body (x-api-key) and answer a message. */
  async function patchCall(
    endpoint: 'AnswerMFAQuestions' | 'SetScheduledRefresh',
    json: unknown,
    sensitive: readonly string[],
    callOptions: CallOptions,
  ): Promise<void> {
    await call(
      {
        endpoint,
        method: 'patch',
        path: endpoint,
        logPath: endpoint,
        headers: apiKeyHeaders,
        json,
        signal: callOptions.signal,
      },
      MessageResponse,
      { sensitive: [...credentials, ...sensitive] },
    );
  }

  async function answerMfaQuestions(
    loginId: string,
    answers: { question: string; answer: string }[],
    callOptions: CallOptions = {},
  ): Promise<void> {
    const body = AnswerMfaQuestionsRequest.safeParse({
      loginId,
      Questions: answers.map(({ question, answer }) => ({ Question: question, Answer: answer })),
    });
    if (!body.success) throw invalidArgument('AnswerMFAQuestions', body.error);
    await patchCall(
      'AnswerMFAQuestions',
      body.data,
      [loginId, ...answers.map(({ answer }) => answer)],
      callOptions,
    );
  }

  async function setScheduledRefresh(
    loginId: string,
    isActivated: boolean,
    callOptions: CallOptions = {},
  ): Promise<void> {
    const body = SetScheduledRefreshRequest.safeParse({ LoginId: loginId, IsActivated: isActivated });
    if (!body.success) throw invalidArgument('SetScheduledRefresh', body.error);
    await patchCall('SetScheduledRefresh', body.data, [loginId], callOptions);
  }

  function getNightlyRefreshStatus(callOptions: CallOptions = {}): Promise<NightlyRefreshStatusResponse> {
    const endpoint = 'GetNightlyRefreshStatus';
    return call(
      {
        endpoint,
        method: 'get',
        path: endpoint,
        logPath: endpoint,
        // This endpoint alone is authorised by the secret key as a bearer token (FlinksCapital, 2025).
        headers: { ...apiKeyHeaders, authorization: `Bearer ${settings.secretKey}` },
        signal: callOptions.signal,
      },
      NightlyRefreshStatusResponse,
      { sensitive: credentials },
    );
  }

  /** Enrich's endpoints take the secret key as a bearer token (docs: api/enrich). */
  const enrichHeaders = { authorization: `Bearer ${settings.secretKey}` };

  async function getCategorization(
    loginId: string,
    requestId: string,
    callOptions: CallOptions = {},
  ): Promise<CategorizationResponse> {
    const endpoint = 'GetCategorization';
    const ids = z.object({ loginId: FlinksGuid, requestId: FlinksGuid }).safeParse({ loginId, requestId });
    if (!ids.success) throw invalidArgument(endpoint, ids.error);
    const sensitive = [...credentials, loginId];
    const answer = await transport.send({
      endpoint,
      method: 'get',
      root: true,
      path: `categorization/login/${loginId}/requestid/${requestId}`,
      logPath: `categorization/login/${REDACTED}/requestid/${requestId}`,
      headers: enrichHeaders,
      timeoutMs: settings.requestTimeoutMs,
      signal: callOptions.signal,
    });
    const context = { endpoint, status: answer.status, sensitive, requestId };
    if (answer.status === 200) return decodeBody(answer.text, CategorizationResponse, context);
    const body = readErrorBody(answer.text);
    if (answer.status === 202 && !body?.FlinksCode) {
      throw new FlinksError({
        flinksCode: 'OPERATION_PENDING',
        message: `Flinks ${endpoint} answered 202: the request's data is still processing`,
        endpoint,
        status: 202,
        requestId,
      });
    }
    throw errorFromAnswer({ status: answer.status, body }, context);
  }

  function getCategories(
    countryCode: CategoriesCountry,
    callOptions: CallOptions = {},
  ): Promise<CategoriesResponse> {
    const endpoint = 'Categories';
    const country = CategoriesCountry.safeParse(countryCode);
    if (!country.success) return Promise.reject(invalidArgument(endpoint, country.error));
    return call(
      {
        endpoint,
        method: 'get',
        path: `${endpoint}/${country.data}`,
        logPath: `${endpoint}/${country.data}`,
        headers: enrichHeaders,
        signal: callOptions.signal,
      },
      CategoriesResponse,
      { sensitive: credentials },
    );
  }

  return {
    generateAuthorizeToken,
    authorize,
    getAccountsSummary,
    pollAccountsSummary: (requestId, resumeOptions = {}) =>
      resume('GetAccountsSummaryAsync', requestId, AccountsSummaryResponse, resumeOptions),
    getAccountsDetail,
    pollAccountsDetail: (requestId, resumeOptions = {}) =>
      resume('GetAccountsDetailAsync', requestId, AccountsDetailResponse, resumeOptions),
    getStatements,
    pollStatements: (requestId, resumeOptions = {}) =>
      resume('GetStatementsAsync', requestId, StatementsResponse, resumeOptions),
    deleteCard,
    getMfaQuestions,
    answerMfaQuestions,
    setScheduledRefresh,
    getNightlyRefreshStatus,
    getCategorization,
    getCategories,
  };
}

function authorizeBody(params: AuthorizeParams): Record<string, unknown> {
  const common = { Language: params.language, Tag: params.tag };
  if ('securityResponses' in params) {
    return { ...common, RequestId: params.requestId, SecurityResponses: params.securityResponses };
  }
  if ('mostRecentCached' in params) {
    return {
      ...common,
      LoginId: params.loginId,
      MostRecentCached: params.mostRecentCached,
      Save: params.save,
    };
  }
  return {
    ...common,
    Username: params.username,
    Password: params.password,
    Institution: params.institution,
    MostRecentCached: false,
    Save: params.save ?? true,
  };
}

/** What an Authorize call carries that must not be echoed into an error message. */
function authorizeSecrets(params: AuthorizeParams): string[] {
  const secrets: string[] = [];
  if (params.authorizeToken) secrets.push(params.authorizeToken);
  if ('loginId' in params && params.loginId !== undefined) secrets.push(params.loginId);
  if ('password' in params) secrets.push(params.password, params.username);
  if ('securityResponses' in params) secrets.push(...Object.values(params.securityResponses).flat());
  return secrets;
}

function invalidArgument(endpoint: string, error: z.ZodError): FlinksError {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join('.') || '(body)'))].join(', ');
  return new FlinksError({
    flinksCode: CLIENT_ERROR_CODES.INVALID_ARGUMENT,
    message: `Not sent to Flinks ${endpoint}: invalid ${fields}`,
    endpoint,
    issues: toSchemaIssues(error),
  });
}

function institutionName(institution: FlinksInstitution, fallback: string | null | undefined): string | null {
  if (typeof institution === 'string') return institution;
  return institution?.Name ?? fallback ?? null;
}

function institutionId(institution: FlinksInstitution): number | null {
  return typeof institution === 'object' && institution !== null ? (institution.Id ?? null) : null;
}

/**
 * Flinks timestamps such as `LastRefresh` are UTC written without a zone and with up to 7 fractional digits
 * (`2019-05-09T13:47:46.5227901`). Null for anything else.
 */
export function parseFlinksDateTime(value: string | null | undefined): Date | null {
  if (!value) return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!match) return null;
  const millis = (match[2] ?? '').padEnd(3, '0').slice(0, 3);
  const date = new Date(`${match[1]}.${millis}${match[3] ?? 'Z'}`);
  return Number.isNaN(date.getTime()) ? null : date;
}
