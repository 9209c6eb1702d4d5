/**
 * A person's browser against the running server, over real HTTP: it keeps its session cookie and sends the
 * Origin our own page sends. Built on node:http rather than fetch so that the test, not the client library,
 * decides every header (Origin, Referer, Cookie). Every exchange can be recorded for later inspection.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Job, type JobState } from '@passbook/contracts';
import { eventually } from '../../helpers/stack.ts';

export const SESSION_COOKIE = 'passbook_session';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer extends Exchange {
  // biome-ignore lint/suspicious/noExplicitAny: a body's shape is what the test reading it asserts
  json<T = any>(): T;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as it is, instead of `body` as JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** False: send no Origin header (e.g. to send only a Referer). */
  origin?: boolean;
}

/** One HTTP exchange; `base` is the server's origin. */
export function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      new URL(path, base),
      { method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            method,
            path,
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export class HttpUser {
  cookie: string | null = null;

  /**
   * `server`: the origin to call, read at each request (a restarted server listens elsewhere).
   * `origin`: what the browser names as the page's origin (the server's PUBLIC_URL).
   */
  constructor(
    private readonly server: () => string,
    readonly origin: string,
    private readonly transcript: Exchange[] | null = null,
  ) {}

  /** The same person (same session) talking to another server, e.g. another instance behind the same origin. */
  at(server: () => string): HttpUser {
    const other = new HttpUser(server, this.origin, this.transcript);
    other.cookie = this.cookie;
    return other;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (options.origin !== false) headers.origin = this.origin;
    if (this.cookie !== null) headers.cookie = this.cookie;
    const exchange = await send(
      this.server(),
      method,
      path,
      { ...headers, ...options.headers },
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    );
    this.transcript?.push(exchange);
    const session = setCookies(exchange.headers).find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
    if (session) this.cookie = session.split(';')[0] ?? null;
    return { ...exchange, json: () => JSON.parse(exchange.body) };
  }

  get(path: string, options?: RequestOptions) {
    return this.request('GET', path, options);
  }

  post(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request('POST', path, { ...options, ...(body === undefined ? {} : { body }) });
  }

  delete(path: string, options?: RequestOptions) {
    return this.request('DELETE', path, options);
  }

  /** Links a LoginId as the page does after Connect's REDIRECT; returns the link's and the job's ids. */
  async link(loginId: string): Promise<{ linkId: string; jobId: string }> {
    const answer = await this.post('/api/links', { loginId });
    if (answer.status !== 202) throw new Error(`POST /api/links answered ${answer.status}: ${answer.body}`);
    const { link, job } = answer.json();
    return { linkId: link.id, jobId: job.id };
  }

  /** Asks for a live refresh of a link; returns the job's id. */
  async refresh(linkId: string): Promise<string> {
    const answer = await this.post(`/api/links/${linkId}/refresh`);
    if (answer.status !== 202) throw new Error(`refresh answered ${answer.status}: ${answer.body}`);
    return answer.json().job.id;
  }

  async job(jobId: string): Promise<Job> {
    const answer = await this.get(`/api/jobs/${jobId}`);
    if (answer.status !== 200) throw new Error(`GET /api/jobs/${jobId} answered ${answer.status}`);
    return Job.parse(answer.json().job);
  }

  /** Polls the job as the page does until it reaches one of `states` (by default: finished). */
  waitForJob(
    jobId: string,
    states: readonly JobState[] = ['succeeded', 'failed'],
    timeoutMs = 30_000,
  ): Promise<Job> {
    return eventually(
      async () => {
        const job = await this.job(jobId);
        return states.includes(job.state) ? job : undefined;
      },
      `job ${jobId} to be ${states.join(' or ')}`,
      timeoutMs,
    );
  }
}

export function setCookies(headers: IncomingHttpHeaders): string[] {
  const value = headers['set-cookie'];
  return value === undefined ? [] : value;
}
