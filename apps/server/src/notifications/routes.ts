import { contract } from '@passbook/contracts/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fromContract } from '../http/contract-route.ts';
import { deleteSubscription, readSettings, saveSubscription, writeSettings } from './repository.ts';

const rateLimited = { rateLimit: {} };

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...fromContract(contract.notifications),
    handler: async (request) => ({
      available: app.push.publicKey !== null,
      publicKey: app.push.publicKey,
      settings: await readSettings(app.db, request.user.id),
    }),
  });

  app.route({
    ...fromContract(contract.saveNotificationSettings),
    handler: async (request) => {
      await writeSettings(app.db, request.user.id, request.body);
      return { settings: request.body };
    },
  });

  app.route({
    ...fromContract(contract.savePushSubscription),
    config: rateLimited,
    handler: async (request, reply) => {
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
  });

  app.route({
    ...fromContract(contract.deletePushSubscription),
    handler: async (request, reply) => {
      await deleteSubscription(app.db, app.vault, request.user.id, request.body.endpoint);
      return reply.status(204).send(null);
    },
  });
};
