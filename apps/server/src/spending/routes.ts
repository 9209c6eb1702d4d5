import { contract } from '@passbook/contracts/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { categorizeNewTransactions } from '../categories/apply.ts';
import { fromContract } from '../http/contract-route.ts';
import { spending, spendingTransactions } from './repository.ts';

export const spendingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...fromContract(contract.spending),
    handler: async (request) => {
      const userId = request.user.id;
      // Data stored before categories existed gets them on first read.
      await categorizeNewTransactions(app.db, userId);
      return spending(app.db, userId, request.query);
    },
  });

  app.route({
    ...fromContract(contract.spendingTransactions),
    handler: async (request) => {
      return spendingTransactions(app.db, request.user.id, request.query);
    },
  });
};
