import {
  DeletePushSubscriptionRequest,
  ErrorBody,
  NotificationSettings,
  NotificationsResponse,
  SavePushSubscriptionRequest,
} from '@passbook/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteSubscription, readSettings, saveSubscription, writeSettings } from './repository.ts';

const rateLimited = { rateLimit: {} };

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        summary: 'Whether this server can push, its VAPID public key, and what this person asked to be told',
        tags: ['notifications'],
        response: { 200: NotificationsResponse },
      },
    },
    async (request) => ({
      available: app.push.publicKey !== null,
      publicKey: app.push.publicKey,
      settings: await readSettings(app.db, request.user.id),
    }),
  );

  app.put(
    '/api/notifications/settings',
    {
      schema: {
        summary: 'What to be told: a link that needs you, new transactions from an amount (minor units) up',
        tags: ['notifications'],
        body: NotificationSettings,
        response: { 200: z.object({ settings: NotificationSettings }), 400: ErrorBody },
      },
    },
    async (request) => {
      await writeSettings(app.db, request.user.id, request.body);
      return { settings: request.body };
    },
  );

  app.put(
    '/api/notifications/subscription',
    {
      config: rateLimited,
      schema: {
        summary:
          'This device’s push subscription (kept sealed), in the language its notifications are written in',
        description:
          'The endpoint must be an https URL; a device already subscribed is this person’s from now on.',
        tags: ['notifications'],
        body: SavePushSubscriptionRequest,
        response: { 204: z.null(), 400: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      if (app.push.publicKey === null) {
        return reply.status(409).send({
          error: { code: 'PUSH_UNAVAILABLE', message: 'This server has no keys to send notifications with.' },
        });
      }
      const refusal = app.pushEndpointRefusal(request.body.subscription.endpoint);
      if (refusal !== null)
        return reply.status(400).send({ error: { code: 'BAD_REQUEST', message: refusal } });
      await saveSubscription(app.db, app.vault, request.user.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/notifications/subscription',
    {
      schema: {
        summary: 'Stop pushing to this device',
        tags: ['notifications'],
        body: DeletePushSubscriptionRequest,
        response: { 204: z.null(), 400: ErrorBody },
      },
    },
    async (request, reply) => {
      await deleteSubscription(app.db, app.vault, request.user.id, request.body.endpoint);
      return reply.status(204).send(null);
    },
  );
};
