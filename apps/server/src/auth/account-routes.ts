/**
 * The person's own security pages: sessions, passkeys and the audit trail. Domain routes like any other:
 * `request.user` is whom they act for, and another user's ids answer 404.
 */
import {
  AccountExport,
  AuditResponse,
  DeleteAccountResponse,
  ErrorBody,
  IdentitiesResponse,
  IdentityParams,
  PasskeyParams,
  PasskeysResponse,
  RenamePasskeyRequest,
  RenamePasskeyResponse,
  SessionParams,
  SessionsResponse,
  SignOutOthersResponse,
  SingleSignOnStartResponse,
} from '@passbook/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors.ts';
import { linkServiceOf } from '../links/service.ts';
import { requestContext } from '../plugins/identity.ts';
import { deleteAccount, exportAccount } from './account-data.ts';
import { listAudit, recordAudit } from './audit.ts';
import type { OidcStrategy } from './oidc.ts';
import type { PasskeyStrategy } from './passkeys.ts';
import { noSingleSignOn } from './routes.ts';
import { signInRequired } from './service.ts';

const tags = ['account'];
const rateLimited = { rateLimit: {} };
const removed = z.undefined().meta({ description: 'Done' });

export const accountRoutes =
  (passkeys: PasskeyStrategy, oidc: OidcStrategy | null): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/account/sessions',
      {
        schema: {
          summary: 'This person’s live sessions, most recently seen first',
          tags,
          response: { 200: SessionsResponse },
        },
      },
      async (request) => ({
        sessions: await app.auth.sessions(request.user.id, request.session?.id ?? null),
      }),
    );

    app.delete(
      '/api/account/sessions/:id',
      {
        config: rateLimited,
        schema: {
          summary: 'End one session (this browser’s own included)',
          tags,
          params: SessionParams,
          response: { 204: removed, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        await app.auth.revoke(request.user.id, request.params.id, requestContext(request));
        if (request.params.id === request.session?.id) reply.endSession();
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/account/sessions/sign-out-others',
      {
        config: rateLimited,
        schema: {
          summary: 'End every session but this one',
          tags,
          response: { 200: SignOutOthersResponse, 429: ErrorBody },
        },
      },
      async (request) => {
        const session = request.session;
        if (session === null) return { ended: 0 };
        return { ended: await app.auth.signOutEverywhereElse(session, requestContext(request)) };
      },
    );

    app.get(
      '/api/account/passkeys',
      {
        schema: { summary: 'This account’s passkeys', tags, response: { 200: PasskeysResponse } },
      },
      async (request) => ({ passkeys: await passkeys.list(request.user.id) }),
    );

    app.patch(
      '/api/account/passkeys/:id',
      {
        config: rateLimited,
        schema: {
          summary: 'Rename a passkey',
          tags,
          params: PasskeyParams,
          body: RenamePasskeyRequest,
          response: { 200: RenamePasskeyResponse, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
        },
      },
      async (request) => {
        const passkey = await passkeys.rename(request.user.id, request.params.id, request.body.name);
        await recordAudit(app.db, {
          userId: request.user.id,
          event: 'passkey_renamed',
          userAgent: requestContext(request).userAgent,
        });
        return { passkey };
      },
    );

    app.delete(
      '/api/account/passkeys/:id',
      {
        config: rateLimited,
        schema: {
          summary: 'Forget a passkey (refused for the last one)',
          tags,
          params: PasskeyParams,
          response: { 204: removed, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
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
    );

    app.get(
      '/api/account/identities',
      {
        schema: {
          summary: 'The single sign-on identities that sign in to this account',
          tags,
          response: { 200: IdentitiesResponse },
        },
      },
      async (request) => ({ identities: oidc === null ? [] : await oidc.list(request.user.id) }),
    );

    app.post(
      '/api/account/identities/oidc',
      {
        config: rateLimited,
        schema: {
          summary: 'Begin adding the OpenID Connect identity to this account (an account only)',
          description:
            'As /api/auth/oidc/start, but the provider’s answer adds the identity to the signed-in account.',
          tags,
          response: {
            200: SingleSignOnStartResponse,
            401: ErrorBody,
            404: ErrorBody,
            429: ErrorBody,
            503: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        if (oidc === null) throw noSingleSignOn();
        if (!request.user.account) throw signInRequired();
        const { key, url } = await oidc.start('attach', request.user.id);
        reply.holdSignInFlow(key);
        return { url };
      },
    );

    app.delete(
      '/api/account/identities/:id',
      {
        config: rateLimited,
        schema: {
          summary: 'Stop signing in with a single sign-on identity (refused for the last way in)',
          tags,
          params: IdentityParams,
          response: { 204: removed, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
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
    );

    const links = linkServiceOf(app);

    app.get(
      '/api/account/export',
      {
        schema: {
          summary:
            'Everything Passbook holds for this person: links, accounts, transactions, statements, notifications, as JSON',
          description:
            'Each account’s transactions are also available as CSV at /api/accounts/:id/transactions.csv; ' +
            'each statement names the address its PDF is downloaded from.',
          tags,
          response: { 200: AccountExport },
        },
      },
      async (request, reply) => {
        const body = await exportAccount(app.db, app.vault, links, request.user.id);
        return reply
          .header('content-disposition', 'attachment; filename="passbook-export.json"')
          .header('cache-control', 'no-store')
          .send(body);
      },
    );

    app.post(
      '/api/account/delete',
      {
        config: rateLimited,
        schema: {
          summary: 'Delete the account: every link at Flinks (DeleteCard) and here, sessions, passkeys',
          description:
            'A failure half-way (Flinks refusing a link) answers with its error and keeps the deletion asked: ' +
            'the next call finishes it. The answer names what was removed.',
          tags,
          response: {
            200: DeleteAccountResponse,
            409: ErrorBody,
            429: ErrorBody,
            502: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const removed = await deleteAccount(
          app.db,
          links,
          request.user.id,
          requestContext(request).userAgent,
        );
        reply.endSession();
        return { removed };
      },
    );

    app.get(
      '/api/account/audit',
      {
        schema: {
          summary: 'Security events of this account, newest first',
          tags,
          response: { 200: AuditResponse },
        },
      },
      async (request) => ({ events: await listAudit(app.db, request.user.id) }),
    );
  };
