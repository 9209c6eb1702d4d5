/**
 * Signing in and out: the routes a stranger may call. They run in the session scope (the browser's session or
 * null) and never read cookies; the auth service issues every session.
 */
import {
  AuthSessionResponse,
  ErrorBody,
  type Me,
  PasskeyRegistrationRequest,
  PasskeySignInRequest,
  SignedInResponse,
  WebAuthnOptionsResponse,
} from '@passbook/contracts';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Queryable } from '../db/database.ts';
import { requestContext } from '../plugins/identity.ts';
import { recordAudit } from './audit.ts';
import { defaultPasskeyName, type PasskeyStrategy } from './passkeys.ts';

const rateLimited = { rateLimit: {} };
const tags = ['auth'];

export async function me(db: Queryable, userId: string): Promise<Me | null> {
  const { rows } = await db.query<{ account: boolean; passkeys: number }>(
    `SELECT u.account_created_at IS NOT NULL AS account,
            (SELECT count(*) FROM passkeys p WHERE p.user_id = u.id)::int AS passkeys
     FROM users u WHERE u.id = $1`,
    [userId],
  );
  const row = rows[0];
  return row ? { id: userId, account: row.account, passkeys: row.passkeys } : null;
}

export const authRoutes =
  (passkeys: PasskeyStrategy): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/auth/session',
      {
        schema: {
          summary: 'Who this browser is: nobody yet, an anonymous user, or an account',
          tags,
          response: { 200: AuthSessionResponse },
        },
      },
      async (request) => ({
        user: request.session ? await me(app.db, request.session.userId) : null,
        anonymousUse: app.config.anonymousUse,
      }),
    );

    app.post(
      '/api/auth/passkeys/registration/options',
      {
        config: rateLimited,
        schema: {
          summary: 'Options for creating a passkey: for this user (anonymous or account), or a new account',
          tags,
          response: { 200: WebAuthnOptionsResponse, 429: ErrorBody },
        },
      },
      async (request) => {
        const session = request.session;
        // Anonymous use off: a stranger's passkey makes a new account; an anonymous session has no standing.
        const userId = session && (session.account || app.config.anonymousUse) ? session.userId : null;
        return { options: { ...(await passkeys.registrationOptions(userId)) } };
      },
    );

    app.post(
      '/api/auth/passkeys/registration',
      {
        config: rateLimited,
        schema: {
          summary: 'Store a new passkey; an anonymous user becomes an account with everything it linked',
          description:
            'From an anonymous session or none, the browser is signed in with a new session (the old one ends).',
          tags,
          body: PasskeyRegistrationRequest,
          response: { 200: SignedInResponse, 400: ErrorBody, 409: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const context = requestContext(request);
        const session = request.session;
        const name = request.body.name ?? defaultPasskeyName(context.userAgent);
        const registration = await passkeys.verifyRegistration(
          request.body.credential as unknown as RegistrationResponseJSON,
          session?.userId ?? null,
          name,
        );
        const { userId } = registration;
        const audited = async (tx: Queryable) => {
          await registration.store(tx);
          await recordAudit(tx, { userId, event: 'passkey_added', userAgent: context.userAgent });
        };
        if (session?.account && session.userId === userId) {
          await app.db.transaction(audited);
        } else {
          reply.beginSession(await app.auth.signIn(userId, session, context, 'account_created', audited));
        }
        return { user: (await me(app.db, userId)) as Me };
      },
    );

    app.post(
      '/api/auth/passkeys/sign-in/options',
      {
        config: rateLimited,
        schema: {
          summary: 'Options for signing in with a passkey (discoverable: no user name)',
          tags,
          response: { 200: WebAuthnOptionsResponse, 429: ErrorBody },
        },
      },
      async () => ({ options: { ...(await passkeys.authenticationOptions()) } }),
    );

    app.post(
      '/api/auth/passkeys/sign-in',
      {
        config: rateLimited,
        schema: {
          summary: 'Sign in with a passkey',
          description:
            'Always a new session; the one the browser came with ends. What an anonymous session had linked ' +
            'becomes the account’s.',
          tags,
          body: PasskeySignInRequest,
          response: { 200: SignedInResponse, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const userId = await passkeys.verifyAuthentication(
          request.body.credential as unknown as AuthenticationResponseJSON,
        );
        reply.beginSession(
          await app.auth.signIn(userId, request.session, requestContext(request), 'signed_in'),
        );
        return { user: (await me(app.db, userId)) as Me };
      },
    );

    app.post(
      '/api/auth/sign-out',
      {
        config: rateLimited,
        schema: {
          summary: 'End this browser’s session',
          tags,
          response: { 204: z.undefined().meta({ description: 'Signed out' }), 429: ErrorBody },
        },
      },
      async (request, reply) => {
        if (request.session) await app.auth.signOut(request.session, requestContext(request));
        reply.endSession();
        return reply.status(204).send();
      },
    );
  };
