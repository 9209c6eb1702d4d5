import {
  ErrorBody,
  SpendingQuery,
  SpendingResponse,
  SpendingTransactionsQuery,
  SpendingTransactionsResponse,
} from '@passbook/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { categorizeNewTransactions } from '../categories/apply.ts';
import { spending, spendingTransactions } from './repository.ts';

export const spendingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/spending',
    {
      schema: {
        summary: 'Spending per month by category, across all accounts in one currency',
        description:
          'Money out less refunds, per category, for `months` months ending with `month` (the latest month ' +
          'with spending when absent); income and transfers between the person’s own accounts are left out. ' +
          '`currency` defaults to the one of most transactions.',
        tags: ['spending'],
        querystring: SpendingQuery,
        response: { 200: SpendingResponse, 400: ErrorBody },
      },
    },
    async (request) => {
      const userId = request.user.id;
      // Data stored before categories existed gets them on first read.
      await categorizeNewTransactions(app.db, userId);
      return spending(app.db, userId, request.query);
    },
  );

  app.get(
    '/api/spending/transactions',
    {
      schema: {
        summary: 'The transactions behind one category’s spending in one month',
        tags: ['spending'],
        querystring: SpendingTransactionsQuery,
        response: { 200: SpendingTransactionsResponse, 400: ErrorBody },
      },
    },
    async (request) => {
      return spendingTransactions(app.db, request.user.id, request.query);
    },
  );
};
