/**
 * The person's own security pages: sessions, passkeys and the audit trail. Domain routes like any other:
 * `request.user` is whom they act for, and another user's ids answer 404.
 */
import { contract } from '@passbook/contracts/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../errors.ts';
import { fromContract } from '../http/contract-route.ts';
import { linkServiceOf } from '../links/service.ts';
import { requestContext } from '../plugins/identity.ts';
import { deleteAccount, exportAccount } from './account-data.ts';
import { listAudit, recordAudit } from './audit.ts';
import type { OidcStrategy } from './oidc.ts';
import type { PasskeyStrategy } from './passkeys.ts';
import { noSingleSignOn } from './routes.ts';
import { signInRequired } from './service.ts';

const rateLimited = { rateLimit: {} };

export const accountRoutes =
  (passkeys: PasskeyStrategy, oidc: OidcStrategy | null): FastifyPluginAsyncZod =>
  async (app) => {
    app.route({
      ...fromContract(contract.listSessions),
      handler: async (request) => ({
        sessions: await app.auth.sessions(request.user.id, request.session?.id ?? null),
      }),
    });

    app.route({
      ...fromContract(contract.endSession),
      config: rateLimited,
      handler: async (request, reply) => {
        await app.auth.revoke(request.user.id, request.params.id, requestContext(request));
        if (request.params.id === request.session?.id) reply.endSession();
        return reply.status(204).send();
      },
    });

    app.route({
      ...fromContract(contract.signOutOthers),
      config: rateLimited,
      handler: async (request) => {
        const session = request.session;
        if (session === null) return { ended: 0 };
        return { ended: await app.auth.signOutEverywhereElse(session, requestContext(request)) };
      },
    });

    app.route({
      ...fromContract(contract.listPasskeys),
      handler: async (request) => ({ passkeys: await passkeys.list(request.user.id) }),
    });

    app.route({
      ...fromContract(contract.renamePasskey),
      config: rateLimited,
      handler: async (request) => {
        const passkey = await passkeys.rename(request.user.id, request.params.id, request.body.name);
        await recordAudit(app.db, {
          userId: request.user.id,
          event: 'passkey_renamed',
          userAgent: requestContext(request).userAgent,
        });
        return { passkey };
      },
    });

    app.route({
      ...fromContract(contract.removePasskey),
      config: rateLimited,
      handler: async (request, reply) => {
        const userId = request.user.id;
        await app.db.transaction(async (tx) => {
          await passkeys.remove(tx, userId, request.params.id);
          await recordAudit(tx, {
            userId,
            event: 'passkey_removed',
            userAgent: requestContext(request).userAgent,
          });
        });
        return reply.status(204).send();
      },
    });

    app.route({
      ...fromContract(contract.listIdentities),
      handler: async (request) => ({ identities: oidc === null ? [] : await oidc.list(request.user.id) }),
    });

    app.route({
      ...fromContract(contract.startAttachIdentity),
      config: rateLimited,
      handler: async (request, reply) => {
        if (oidc === null) throw noSingleSignOn();
        if (!request.user.account) throw signInRequired();
        const { key, url } = await oidc.start('attach', request.user.id);
        reply.holdSignInFlow(key);
        return { url };
      },
    });

    app.route({
      ...fromContract(contract.removeIdentity),
      config: rateLimited,
      handler: async (request, reply) => {
        if (oidc === null) throw notFound('This sign-in');
        const userId = request.user.id;
        await app.db.transaction(async (tx) => {
          await oidc.remove(tx, userId, request.params.id);
          await recordAudit(tx, {
            userId,
            event: 'identity_removed',
            userAgent: requestContext(request).userAgent,
          });
        });
        return reply.status(204).send();
      },
    });

    const links = linkServiceOf(app);

    app.route({
      ...fromContract(contract.exportAccount),
      // Reads and decrypts everything the person holds: limited like the routes that cost a call to Flinks.
      config: rateLimited,
      handler: async (request, reply) => {
        const body = await exportAccount(app.db, app.vault, links, request.user.id);
        return reply
          .header('content-disposition', 'attachment; filename="passbook-export.json"')
          .header('cache-control', 'no-store')
          .send(body);
      },
    });

    app.route({
      ...fromContract(contract.deleteAccount),
      config: rateLimited,
      handler: async (request, reply) => {
        const removed = await deleteAccount(
          app.db,
          links,
          request.user.id,
          requestContext(request).userAgent,
        );
        app.auth.forgetUser(request.user.id);
        reply.endSession();
        return { removed };
      },
    });

    app.route({
      ...fromContract(contract.audit),
      handler: async (request) => ({ events: await listAudit(app.db, request.user.id) }),
    });
  };
