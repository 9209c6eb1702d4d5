/**
 * Who a request acts for. Each browser is an anonymous user, named by a signed, httpOnly, SameSite=Lax cookie;
 * the user row is created the first time a request needs one (a read with no cookie just sees nothing).
 *
 * This file is the single point where a deployment with its own accounts plugs in its user id: replace
 * `sessionUserId` (who is this?) and `startSession` (make someone up) and every query stays scoped as it is.
 */
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';

declare module 'fastify' {
  interface FastifyRequest {
    /** The user this request carries a valid session for, or null. */
    userId: string | null;
  }
  interface FastifyInstance {
    /** The request's user id, creating the user (and its session cookie) when it has none. */
    ensureUser(request: FastifyRequest, reply: FastifyReply): Promise<string>;
  }
}

export const SESSION_COOKIE = 'passbook_session';
/** Browsers cap cookie lifetimes at 400 days. */
const SESSION_MAX_AGE_S = 400 * 24 * 3600;
const UserId = z.uuid();

function sessionUserId(request: FastifyRequest): string | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const { valid, value } = request.unsignCookie(raw);
  return valid && value !== null && UserId.safeParse(value).success ? value : null;
}

function startSession(reply: FastifyReply, secure: boolean): string {
  const userId = crypto.randomUUID();
  reply.setCookie(SESSION_COOKIE, userId, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
  });
  return userId;
}

export const identityPlugin = fp(
  async (app) => {
    await app.register(cookie, { secret: app.config.sessionSecret });
    app.decorateRequest('userId', null);
    app.addHook('onRequest', async (request) => {
      request.userId = sessionUserId(request);
    });

    app.decorate('ensureUser', async (request: FastifyRequest, reply: FastifyReply) => {
      const userId = request.userId ?? startSession(reply, app.config.https);
      // Also when the cookie is old: the database may have been reset since it was issued.
      await app.db.query('INSERT INTO users (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [userId]);
      request.userId = userId;
      return userId;
    });
  },
  { name: 'identity', dependencies: ['config', 'database'] },
);
