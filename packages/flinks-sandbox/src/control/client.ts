/** A typed HTTP client of the control surface, usable from any process that can reach the emulator. */
import type { RuntimeSettings } from '../settings.ts';
import type { WebhookDelivery } from '../webhooks/deliveries.ts';
import type { CallFilter, SandboxCall } from './calls.ts';
import type { SandboxFault } from './faults.ts';

export interface QuestionInfo {
  type: string;
  prompt: string;
  answer: string;
  choices?: string[];
}

export interface TestUserInfo {
  username: string;
  password: string;
  description: string;
  /** Every question the user may be asked. */
  questions: QuestionInfo[];
  /** `one`: a session is asked one of them, drawn from its RequestId; `all`: all of them. */
  asks: 'one' | 'all' | 'none';
}

export interface SessionInfo {
  requestId: string;
  state: 'challenged' | 'authorized';
  live: boolean;
  /** The questions this session was asked, with their answers. */
  challenges: QuestionInfo[];
}

export class SandboxControl {
  private readonly base: string;

  /** `url`: the emulator's origin, e.g. `sandbox.url`. */
  constructor(url: string) {
    this.base = `${url.replace(/\/+$/, '')}/__sandbox`;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error: { message: string } }).error.message;
      } catch {}
      throw new Error(`sandbox control ${method} ${path} failed (${response.status}): ${message}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Arms a fault for the next `count` calls of an endpoint (or of any, with '*'). */
  async injectFault(fault: SandboxFault): Promise<void> {
    await this.call('POST', '/faults', fault);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  /** The faults still armed, with the calls each has left. */
  faults(): Promise<Array<SandboxFault & { remaining: number }>> {
    return this.call('GET', '/faults');
  }

  /** Changes timings or the webhook at run time; processing under way follows the new processing time. */
  async configure(settings: Partial<RuntimeSettings>): Promise<void> {
    await this.call('PATCH', '/settings', settings);
  }

  settings(): Promise<RuntimeSettings> {
    return this.call('GET', '/settings');
  }

  /** Ends the session of a RequestId and/or the live session of a LoginId now: their next call gets 400
   * SESSION_NONEXISTENT. Resolves with how many sessions ended. */
  expireSession(target: { requestId?: string; loginId?: string }): Promise<{ expired: number }> {
    return this.call('POST', '/sessions/expire', target);
  }

  /** A live session: its state and the questions it was asked, with their answers. */
  session(requestId: string): Promise<SessionInfo> {
    return this.call('GET', `/sessions/${encodeURIComponent(requestId)}`);
  }

  /** Security answers for a session's questions, keyed by prompt, as /Authorize takes them. */
  async answersFor(requestId: string): Promise<Record<string, string[]>> {
    const { challenges } = await this.session(requestId);
    return Object.fromEntries(challenges.map((question) => [question.prompt, [question.answer]]));
  }

  /** A LoginId for a test user, as if Connect had succeeded (whatever the user's live behaviour). */
  createLogin(
    username: string,
    options: { scheduleRefresh?: boolean; tag?: string } = {},
  ): Promise<{ loginId: string }> {
    return this.call('POST', '/logins', { username, ...options });
  }

  /** The test users, their passwords and their security questions with answers. */
  users(): Promise<TestUserInfo[]> {
    return this.call('GET', '/users');
  }

  /** The log of calls received on the Flinks paths, oldest first. */
  calls(filter: CallFilter = {}): Promise<SandboxCall[]> {
    const query = new URLSearchParams(
      Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    ).toString();
    return this.call('GET', `/calls${query ? `?${query}` : ''}`);
  }

  async clearCalls(): Promise<void> {
    await this.call('DELETE', '/calls');
  }

  /** Sends a completed GetAccountsDetail's webhook again: duplicates (`times`), late (`delayMs`), mis-signed
   * (`badSignature`) or without signature headers (`unsigned`). Returns once scheduled. */
  async deliverWebhook(opts: {
    requestId: string;
    times?: number;
    delayMs?: number;
    badSignature?: boolean;
    unsigned?: boolean;
  }): Promise<void> {
    await this.call('POST', '/webhooks/deliver', opts);
  }

  /** Every webhook delivery attempt and its outcome, oldest first. */
  webhookDeliveries(filter: { requestId?: string } = {}): Promise<WebhookDelivery[]> {
    return this.call(
      'GET',
      `/webhooks/deliveries${filter.requestId ? `?requestId=${filter.requestId}` : ''}`,
    );
  }

  /** Forgets faults, calls, logins, sessions, tokens and deliveries; settings go back to the options'. */
  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }
}
