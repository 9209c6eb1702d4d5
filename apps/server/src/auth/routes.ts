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
  SingleSignOnStartResponse,
  WebAuthnOptionsResponse,
} from '@passbook/contracts';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Queryable } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { requestContext } from '../plugins/identity.ts';
import { recordAudit } from './audit.ts';
import type { OidcStrategy } from './oidc.ts';
import { defaultPasskeyName, type PasskeyStrategy } from './passkeys.ts';
import { signInRequired } from './service.ts';

/** Where the provider sends the browser back: register `PUBLIC_URL` + this as the client's redirect URI. */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

export const noSingleSignOn = () => notFound('Single sign-on');

/** The provider's answer: its parameters pass through to openid-client, which checks them. */
const CallbackQuery = z.looseObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});

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
  (passkeys: PasskeyStrategy, oidc: OidcStrategy | null): FastifyPluginAsyncZod =>
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
        singleSignOn: oidc === null ? null : { name: oidc.name },
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
      '/api/auth/oidc/start',
      {
        config: rateLimited,
        schema: {
          summary:
            'Begin signing in with the OpenID Connect provider (authorization code, PKCE, state, nonce)',
          description:
            'Answers the provider page to send the browser to, and binds the sign-in to this browser with a ' +
            `cookie sent back only to ${OIDC_CALLBACK_PATH}. 404 when no provider is set (OIDC_ISSUER).`,
          tags,
          response: { 200: SingleSignOnStartResponse, 404: ErrorBody, 429: ErrorBody, 503: ErrorBody },
        },
      },
      async (_request, reply) => {
        if (oidc === null) throw noSingleSignOn();
        const { key, url } = await oidc.start('sign-in', null);
        reply.holdSignInFlow(key);
        return { url };
      },
    );

    app.get(
      OIDC_CALLBACK_PATH,
      {
        config: rateLimited,
        schema: {
          summary: 'The provider’s redirect back: sign in, create an account, or add the identity to one',
          description:
            'A known identity signs in to its account; a new one creates an account, which keeps what an ' +
            'anonymous session had linked; a flow begun from the security page adds the identity to that ' +
            'account. Always a new session at sign-in. A browser (Accept: text/html) is sent on to the app ' +
            '(303), with `?signInError=<code>` on failure; any other client gets JSON: the user, or the error.',
          tags,
          querystring: CallbackQuery,
          response: {
            200: SignedInResponse,
            303: z.undefined().meta({ description: 'On to the app' }),
            400: ErrorBody,
            401: ErrorBody,
            404: ErrorBody,
            409: ErrorBody,
            429: ErrorBody,
            502: ErrorBody,
            503: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const page = (request.headers.accept ?? '').includes('text/html');
        const session = request.session;
        const key = request.signInFlowKey;
        reply.dropSignInFlow();
        let target = '/';
        let userId: string;
        try {
          if (oidc === null) throw noSingleSignOn();
          const flow = await oidc.finish(key, new URL(request.url, app.config.publicUrl));
          const context = requestContext(request);
          const added = (owner: string) => async (tx: Queryable) => {
            await oidc.attach(tx, owner, flow.identity);
            await recordAudit(tx, { userId: owner, event: 'identity_added', userAgent: context.userAgent });
          };
          if (flow.purpose === 'attach') {
            // Only the account that began it, still signed in here, may add the identity.
            if (!session?.account || session.userId !== flow.userId) throw signInRequired();
            await app.db.transaction(added(session.userId));
            userId = session.userId;
            target = '/settings/security';
          } else {
            const known = await oidc.userOf(flow.identity);
            if (known !== null) {
              userId = known;
              reply.beginSession(await app.auth.signIn(known, session, context, 'signed_in'));
            } else {
              // As with a first passkey: the anonymous user becomes the account, everything it linked kept.
              userId =
                session && !session.account && app.config.anonymousUse ? session.userId : crypto.randomUUID();
              reply.beginSession(
                await app.auth.signIn(userId, session, context, 'account_created', added(userId)),
              );
            }
          }
        } catch (error) {
          if (!page || !(error instanceof AppError)) throw error;
          const back = session?.account ? '/settings/security' : '/sign-in';
          return reply.redirect(`${back}?signInError=${encodeURIComponent(error.code)}`, 303);
        }
        if (page) return reply.redirect(target, 303);
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
