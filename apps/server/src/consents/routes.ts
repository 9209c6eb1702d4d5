import { contract } from '@passbook/contracts/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fromContract } from '../http/contract-route.ts';
import { listConsents } from './repository.ts';

export const consentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...fromContract(contract.listConsents),
    handler: async (request) => ({ consents: await listConsents(app.db, request.user.id) }),
  });
};
