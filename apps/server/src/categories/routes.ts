import {
  CategoryRuleParams,
  CategoryRuleResponse,
  CreateCategoryRuleRequest,
  ErrorBody,
  ListCategoryRulesResponse,
  TransactionParams,
  TransactionResponse,
  UpdateTransactionRequest,
} from '@passbook/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentTransaction } from '../accounts/repository.ts';
import { notFound } from '../errors.ts';
import { deleteRule, listRules, presentRule, saveRule, setTransactionCategory } from './repository.ts';

export const categoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/api/transactions/:id',
    {
      schema: {
        summary: 'Put one transaction in another category',
        description: 'A category set here is the person’s own: no rule and no refresh changes it afterwards.',
        tags: ['categories'],
        params: TransactionParams,
        body: UpdateTransactionRequest,
        response: { 200: TransactionResponse, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const row = await setTransactionCategory(
        app.db,
        request.user.id,
        request.params.id,
        request.body.category,
      );
      if (row === null) throw notFound('This transaction');
      return { transaction: presentTransaction(row) };
    },
  );

  app.get(
    '/api/category-rules',
    {
      schema: {
        summary: 'The person’s category rules',
        tags: ['categories'],
        response: { 200: ListCategoryRulesResponse },
      },
    },
    async (request) => {
      const rows = await listRules(app.db, request.user.id);
      return { rules: rows.map(presentRule) };
    },
  );

  app.post(
    '/api/category-rules',
    {
      schema: {
        summary: 'Always put transactions matching a text in a category',
        description:
          'Applies at once to every stored transaction whose description or merchant contains `match` (case ' +
          'and accents ignored), except those categorised by hand, and to every transaction stored later. ' +
          'Saving the same match again changes its category.',
        tags: ['categories'],
        body: CreateCategoryRuleRequest,
        response: { 201: CategoryRuleResponse, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const userId = request.user.id;
      const { row, applied } = await app.db.transaction((tx) => saveRule(tx, userId, request.body));
      return reply.status(201).send({ rule: presentRule(row), applied });
    },
  );

  app.delete(
    '/api/category-rules/:id',
    {
      schema: {
        summary: 'Remove a category rule',
        description: 'Transactions it categorised keep their category; new ones are no longer matched by it.',
        tags: ['categories'],
        params: CategoryRuleParams,
        response: { 204: z.undefined().meta({ description: 'Removed' }), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const removed = await deleteRule(app.db, request.user.id, request.params.id);
      if (!removed) throw notFound('This rule');
      return reply.status(204).send();
    },
  );
};
