/** A minimal Flinks caller for the tests: plain fetch, so the emulator is judged only by what it answers. */
import { createSandbox, type Sandbox, type SandboxOptions } from '../src/index.ts';

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary Flinks fields
  body: any;
  text: string;
  headers: Headers;
}

export const ANSWERS: Record<string, string> = {
  'What city were you born in?': 'Montreal',
  'What is the best country on earth?': 'Canada',
  'What shape do people like most?': 'Triangle',
};

export class Flinks {
  constructor(readonly sandbox: Sandbox) {}

  get base(): string {
    return `${this.sandbox.url}/v3/${this.sandbox.customerId}/BankingServices`;
  }

  async call(
    method: string,
    endpoint: string,
    options: { body?: unknown; headers?: Record<string, string>; raw?: string; path?: string } = {},
  ): Promise<Answer> {
    const hasBody = options.body !== undefined || options.raw !== undefined;
    const url = options.path
      ? `${this.sandbox.url}/v3/${this.sandbox.customerId}/${options.path}`
      : `${this.base}/${endpoint}`;
    const response = await fetch(url, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(hasBody ? { body: options.raw ?? JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: response.status, body, text, headers: response.headers };
  }

  async token(): Promise<string> {
    const answer = await this.call('POST', 'GenerateAuthorizeToken', {
      headers: { 'flinks-auth-key': this.sandbox.secretKey },
    });
    if (answer.status !== 200) throw new Error(`no token: ${answer.text}`);
    return answer.body.Token;
  }

  async authorize(body: Record<string, unknown>): Promise<Answer> {
    return this.call('POST', 'Authorize', { body, headers: { 'flinks-auth-key': await this.token() } });
  }

  /** Direct login of a test user, answering its questions: the LoginId and an authorised RequestId. */
  async connect(username: string): Promise<{ loginId: string; requestId: string }> {
    let answer = await this.authorize({
      Username: username,
      Password: 'Everyday',
      Institution: 'FlinksCapital',
      MostRecentCached: false,
      Save: true,
    });
    if (answer.status === 203) answer = await this.answerChallenges(answer);
    if (answer.status !== 200) throw new Error(`connect ${username}: ${answer.text}`);
    return { loginId: answer.body.Login.Id, requestId: answer.body.RequestId };
  }

  async answerChallenges(challenge: Answer): Promise<Answer> {
    const responses: Record<string, string[]> = {};
    for (const { Prompt } of challenge.body.SecurityChallenges) responses[Prompt] = [ANSWERS[Prompt] ?? ''];
    return this.authorize({ RequestId: challenge.body.RequestId, SecurityResponses: responses });
  }

  async cached(loginId: string): Promise<string> {
    const answer = await this.authorize({ LoginId: loginId, MostRecentCached: true });
    if (answer.status !== 200) throw new Error(`cached authorize: ${answer.text}`);
    return answer.body.RequestId;
  }

  detail(requestId: string, options: Record<string, unknown> = {}): Promise<Answer> {
    return this.call('POST', 'GetAccountsDetail', {
      body: { RequestId: requestId, ...options },
      headers: { 'x-api-key': this.sandbox.apiKey },
    });
  }

  detailAsync(requestId: string): Promise<Answer> {
    return this.call('GET', `GetAccountsDetailAsync/${requestId}`, {
      headers: { 'x-api-key': this.sandbox.apiKey },
    });
  }

  /** Enrich's GetCategorization, with the secret key as `Authorization: Bearer` unless told otherwise. */
  categorization(
    loginId: string,
    requestId: string,
    headers: Record<string, string> = { authorization: `Bearer ${this.sandbox.secretKey}` },
  ): Promise<Answer> {
    return this.call('GET', 'GetCategorization', {
      path: `categorization/login/${loginId}/requestid/${requestId}`,
      headers,
    });
  }

  /** GetAccountsDetail, then its Async poller until 200 (the emulator under test runs with tiny timings). */
  async retrieve(requestId: string, options: Record<string, unknown> = {}): Promise<Answer> {
    let answer = await this.detail(requestId, options);
    while (answer.status === 202) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      answer = await this.detailAsync(requestId);
    }
    return answer;
  }
}

export async function startSandbox(
  options: SandboxOptions = {},
): Promise<{ sandbox: Sandbox; flinks: Flinks }> {
  const sandbox = await createSandbox({ port: 0, processingMs: 0, ...options });
  return { sandbox, flinks: new Flinks(sandbox) };
}

/** Checks that every account's running Balance follows from its Debit and Credit, newest first. */
export function balanceBreaks(
  // biome-ignore lint/suspicious/noExplicitAny: a Flinks account as parsed JSON
  account: any,
): number {
  const owed = account.Category === 'Credits';
  const transactions = account.Transactions;
  let breaks = 0;
  for (let i = 0; i + 1 < transactions.length; i++) {
    const newer = transactions[i];
    const older = transactions[i + 1];
    const change = Math.round((newer.Credit ?? 0) * 100) - Math.round((newer.Debit ?? 0) * 100);
    const expected = Math.round(older.Balance * 100) + (owed ? -change : change);
    if (expected !== Math.round(newer.Balance * 100)) breaks++;
  }
  return breaks;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
