/**
 * Who a request acts for. A browser holds a session cookie naming a server-side session (auth/sessions.ts);
 * this plugin is the only code that reads or writes that cookie. Routes get the person from the hooks below:
 * `apiScope` gives every domain route a non-null `request.user`, `sessionScope` gives auth routes the
 * session the browser came with (or null).
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { FLOW_TTL_MS } from '../auth/oidc.ts';
import { AuthService, type RequestContext, signInRequired } from '../auth/service.ts';
import type { IssuedSession, Session } from '../auth/sessions.ts';

/** The person a domain route acts for. */
export interface User {
  id: string;
  account: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
  }
  interface FastifyRequest {
    /** The live session the browser came with, or null; set by the scopes below. */
    session: Session | null;
    /** Inside `apiScope`: whom the request acts for. */
    user: User;
    /** In the session scope: the key of the single sign-on flow this browser began, or null. */
    signInFlowKey: string | null;
  }
  interface FastifyReply {
    /** Hands the browser this session (a new cookie), replacing whatever it held. */
    beginSession(issued: IssuedSession): void;
    /** The browser forgets its session. */
    endSession(): void;
    /** Hands the browser the key of a single sign-on flow, for the provider's redirect back. */
    holdSignInFlow(key: string): void;
    /** The browser forgets its single sign-on flow. */
    dropSignInFlow(): void;
  }
}

export const SESSION_COOKIE = 'passbook_session';
/** Sent only to the callback: SameSite=Lax lets it come along on the provider's top-level redirect back. */
export const SIGN_IN_FLOW_COOKIE = 'passbook_sign_in';
const SIGN_IN_FLOW_PATH = '/api/auth/oidc';
/** A cookie of the days before sessions were rows: `<userId>.<signature>`. */
const LegacyUserId = z.uuid();

export function requestContext(request: FastifyRequest): RequestContext {
  return { userAgent: request.headers['user-agent'] ?? '' };
}

async function browserSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  if (!raw.includes('.')) return app.auth.resolve(raw);
  const { valid, value } = request.unsignCookie(raw);
  if (!valid || value === null || !LegacyUserId.safeParse(value).success) return null;
  const issued = await app.auth.resumeUser(value, requestContext(request));
  if (issued === null) return null;
  reply.beginSession(issued);
  return issued.session;
}

/**
 * The browser's session when it is known without waiting: null without a cookie, the session when it is kept
 * in memory; undefined when the database (or an old cookie's conversion) must be asked.
 */
function knownSession(app: FastifyInstance, request: FastifyRequest): Session | null | undefined {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  if (raw.includes('.')) return undefined;
  return app.auth.cached(raw);
}

/** Auth routes: the session the browser came with, or null. */
export const sessionScope =
  (routes: FastifyPluginAsync): FastifyPluginAsync =>
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      request.session = await browserSession(app, request, reply);
      request.signInFlowKey = request.cookies[SIGN_IN_FLOW_COOKIE] ?? null;
    });
    await app.register(routes);
  };

/**
 * Every domain route. A request without a session reads as a visitor who has nothing yet (an id no row
 * holds, so every scoped query finds nothing); its first write starts an anonymous user, as a first visit
 * must be able to link a bank at once. With anonymous use off, only an account gets through.
 *
 * A session kept in memory (or no cookie at all, on a read) is settled without waiting on anything: most
 * requests take that path, and it costs no turn of the event loop.
 */
export const apiScope =
  (routes: FastifyPluginAsync): FastifyPluginAsync =>
  async (app) => {
    /** Settles whom the request acts for, or says it needs a write first (an anonymous start). */
    const actFor = (request: FastifyRequest, session: Session | null): boolean => {
      request.session = session;
      if (!app.config.anonymousUse && !session?.account) throw signInRequired();
      if (session !== null) {
        request.user = { id: session.userId, account: session.account };
      } else if (request.method === 'GET' || request.method === 'HEAD') {
        request.user = { id: crypto.randomUUID(), account: false };
      } else {
        return false;
      }
      return true;
    };
    const identify = async (request: FastifyRequest, reply: FastifyReply) => {
      if (actFor(request, await browserSession(app, request, reply))) return;
      const issued = await app.auth.startAnonymous(requestContext(request));
      reply.beginSession(issued);
      request.user = { id: issued.session.userId, account: false };
    };
    app.addHook('onRequest', (request, reply, done) => {
      let settled = false;
      try {
        const known = knownSession(app, request);
        settled = known !== undefined && actFor(request, known);
      } catch (error) {
        done(error as Error);
        return;
      }
      if (settled) done();
      else identify(request, reply).then(() => done(), done);
    });
    await app.register(routes);
  };

export const identityPlugin = fp(
  async (app) => {
    await app.register(cookie, { secret: app.config.sessionSecret });
    const auth = new AuthService(app.db, app.config.sessions);
    app.decorate('auth', auth);
    // Sessions are kept in memory only while this instance hears of the ones ended elsewhere.
    app.addHook('onReady', () => auth.start());
    app.addHook('onClose', () => auth.close());
    app.decorateRequest('session', null);
    app.decorateRequest('user', null as unknown as User);
    app.decorateRequest('signInFlowKey', null);
    const secure = app.config.https;
    app.decorateReply('beginSession', function (this: FastifyReply, issued: IssuedSession) {
      this.setCookie(SESSION_COOKIE, issued.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        expires: issued.expiresAt,
      });
    });
    app.decorateReply('endSession', function (this: FastifyReply) {
      this.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
    });
    app.decorateReply('holdSignInFlow', function (this: FastifyReply, key: string) {
      this.setCookie(SIGN_IN_FLOW_COOKIE, key, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: SIGN_IN_FLOW_PATH,
        maxAge: Math.floor(FLOW_TTL_MS / 1000),
      });
    });
    app.decorateReply('dropSignInFlow', function (this: FastifyReply) {
      this.clearCookie(SIGN_IN_FLOW_COOKIE, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: SIGN_IN_FLOW_PATH,
      });
    });
  },
  { name: 'identity', dependencies: ['config', 'database'] },
);
