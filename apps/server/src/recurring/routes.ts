import { contract } from '@passbook/contracts/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { categorizeNewTransactions } from '../categories/apply.ts';
import { notFound } from '../errors.ts';
import { fromContract } from '../http/contract-route.ts';
import { bankToday, decide, recurringPayments } from './repository.ts';

export const recurringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...fromContract(contract.listRecurring),
    handler: async (request) => {
      await categorizeNewTransactions(app.db, request.user.id);
      const all = await recurringPayments(app.db, request.user.id, bankToday());
      const shown =
        request.query.dismissed === 'include' ? all : all.filter((payment) => payment.status !== 'dismissed');
      return { recurring: shown };
    },
  });

  app.route({
    ...fromContract(contract.decideRecurring),
    handler: async (request) => {
      const userId = request.user.id;
      const payment = (await recurringPayments(app.db, userId, bankToday())).find(
        (p) => p.id === request.params.id,
      );
      if (payment === undefined) throw notFound('This recurring payment');
      await decide(app.db, userId, payment.id, request.body.status);
      return { recurring: { ...payment, status: request.body.status } };
    },
  });
};
