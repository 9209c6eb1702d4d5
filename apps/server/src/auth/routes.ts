/**
 * Signing in and out: the routes a stranger may call. They run in the session scope (the browser's session or
 * null) and never read cookies; the auth service issues every session.
 */
import type { Me } from '@passbook/contracts';
import { contract } from '@passbook/contracts/contract';
import { routes } from '@passbook/contracts/routes';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Queryable } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { fromContract } from '../http/contract-route.ts';
import { requestContext } from '../plugins/identity.ts';
import { recordAudit } from './audit.ts';
import type { OidcStrategy } from './oidc.ts';
import { defaultPasskeyName, type PasskeyStrategy } from './passkeys.ts';
import { signInRequired } from './service.ts';

/** Where the provider sends the browser back: register `PUBLIC_URL` + this as the client's redirect URI. */
export const OIDC_CALLBACK_PATH = routes.singleSignOnCallback.path;

export const noSingleSignOn = () => notFound('Single sign-on');

const rateLimited = { rateLimit: {} };

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
    app.route({
      ...fromContract(contract.authSession),
      handler: async (request) => ({
        user: request.session ? await me(app.db, request.session.userId) : null,
        anonymousUse: app.config.anonymousUse,
        singleSignOn: oidc === null ? null : { name: oidc.name },
      }),
    });

    app.route({
      ...fromContract(contract.passkeyRegistrationOptions),
      config: rateLimited,
      handler: async (request) => {
        const session = request.session;
        // Anonymous use off: a stranger's passkey makes a new account; an anonymous session has no standing.
        const userId = session && (session.account || app.config.anonymousUse) ? session.userId : null;
        return { options: { ...(await passkeys.registrationOptions(userId)) } };
      },
    });

    app.route({
      ...fromContract(contract.registerPasskey),
      config: rateLimited,
      handler: async (request, reply) => {
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
    });

    app.route({
      ...fromContract(contract.passkeySignInOptions),
      config: rateLimited,
      handler: async () => ({ options: { ...(await passkeys.authenticationOptions()) } }),
    });

    app.route({
      ...fromContract(contract.signInWithPasskey),
      config: rateLimited,
      handler: async (request, reply) => {
        const userId = await passkeys.verifyAuthentication(
          request.body.credential as unknown as AuthenticationResponseJSON,
        );
        reply.beginSession(
          await app.auth.signIn(userId, request.session, requestContext(request), 'signed_in'),
        );
        return { user: (await me(app.db, userId)) as Me };
      },
    });

    app.route({
      ...fromContract(contract.startSingleSignOn),
      config: rateLimited,
      handler: async (_request, reply) => {
        if (oidc === null) throw noSingleSignOn();
        const { key, url } = await oidc.start('sign-in', null);
        reply.holdSignInFlow(key);
        return { url };
      },
    });

    app.route({
      ...fromContract(contract.singleSignOnCallback),
      config: rateLimited,
      handler: async (request, reply) => {
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
    });

    app.route({
      ...fromContract(contract.signOut),
      config: rateLimited,
      handler: async (request, reply) => {
        if (request.session) await app.auth.signOut(request.session, requestContext(request));
        reply.endSession();
        return reply.status(204).send();
      },
    });
  };
