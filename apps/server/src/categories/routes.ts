import { contract } from '@passbook/contracts/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presentTransaction } from '../accounts/repository.ts';
import { notFound } from '../errors.ts';
import { fromContract } from '../http/contract-route.ts';
import { deleteRule, listRules, presentRule, saveRule, setTransactionCategory } from './repository.ts';

export const categoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...fromContract(contract.updateTransaction),
    handler: async (request) => {
      const row = await setTransactionCategory(
        app.db,
        request.user.id,
        request.params.id,
        request.body.category,
      );
      if (row === null) throw notFound('This transaction');
      return { transaction: presentTransaction(row) };
    },
  });

  app.route({
    ...fromContract(contract.listCategoryRules),
    handler: async (request) => {
      const rows = await listRules(app.db, request.user.id);
      return { rules: rows.map(presentRule) };
    },
  });

  app.route({
    ...fromContract(contract.createCategoryRule),
    handler: async (request, reply) => {
      const userId = request.user.id;
      const { row, applied } = await app.db.transaction((tx) => saveRule(tx, userId, request.body));
      return reply.status(201).send({ rule: presentRule(row), applied });
    },
  });

  app.route({
    ...fromContract(contract.deleteCategoryRule),
    handler: async (request, reply) => {
      const removed = await deleteRule(app.db, request.user.id, request.params.id);
      if (!removed) throw notFound('This rule');
      return reply.status(204).send();
    },
  });
};
