/**
 * A browser's view of the app through `app.inject`: it keeps its session cookie and sends the Origin header
 * a browser sends from the Passbook page. Two instances are two users.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { TEST_PUBLIC_URL } from './config.ts';

export class Browser {
  cookie: string | null = null;
  /** The single sign-on flow cookie, once the server hands one over. */
  signInFlow: string | null = null;

  constructor(
    private readonly app: FastifyInstance,
    private readonly origin: string | null = TEST_PUBLIC_URL,
  ) {}

  /** The same session in another app (another instance behind the same origin). */
  withCookie(cookie: string | null): this {
    this.cookie = cookie;
    return this;
  }

  /** The id of the user this browser's session is for, as the server says. */
  async userId(): Promise<string> {
    const { user } = (await this.get('/api/auth/session')).json() as { user: { id: string } | null };
    if (!user) throw new Error('this browser has no session yet');
    return user.id;
  }

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (this.origin !== null) headers.origin = this.origin;
    const cookies = [this.cookie, this.signInFlow].filter((cookie) => cookie !== null);
    if (cookies.length > 0) headers.cookie = cookies.join('; ');
    const response = await this.app.inject({ ...options, headers: { ...headers, ...options.headers } });
    const setCookie = response.cookies.find((cookie) => cookie.name === 'passbook_session');
    if (setCookie) this.cookie = `passbook_session=${setCookie.value}`;
    const flow = response.cookies.find((cookie) => cookie.name === 'passbook_sign_in');
    if (flow) this.signInFlow = flow.value === '' ? null : `passbook_sign_in=${flow.value}`;
    return response;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  post(url: string, payload?: object) {
    return this.request({ method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
  }

  patch(url: string, payload: object) {
    return this.request({ method: 'PATCH', url, payload });
  }

  put(url: string, payload: object) {
    return this.request({ method: 'PUT', url, payload });
  }

  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }
}
