import {
  DecideRecurringRequest,
  DecideRecurringResponse,
  ErrorBody,
  RecurringParams,
  RecurringQuery,
  RecurringResponse,
} from '@passbook/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { categorizeNewTransactions } from '../categories/apply.ts';
import { notFound } from '../errors.ts';
import { bankToday, decide, recurringPayments } from './repository.ts';

export const recurringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/recurring',
    {
      schema: {
        summary: 'Subscriptions, bills and income that repeat, with their next expected date and amount',
        description:
          'Found in the stored history on each read (same merchant, near-same amount, regular interval; a ' +
          'missed or moved occurrence tolerated). Dismissed ones are left out unless `dismissed=include`.',
        tags: ['recurring'],
        querystring: RecurringQuery,
        response: { 200: RecurringResponse, 400: ErrorBody },
      },
    },
    async (request) => {
      await categorizeNewTransactions(app.db, request.user.id);
      const all = await recurringPayments(app.db, request.user.id, bankToday());
      const shown =
        request.query.dismissed === 'include' ? all : all.filter((payment) => payment.status !== 'dismissed');
      return { recurring: shown };
    },
  );

  app.put(
    '/api/recurring/:id',
    {
      schema: {
        summary: 'Confirm a recurring payment, or dismiss it for good',
        tags: ['recurring'],
        params: RecurringParams,
        body: DecideRecurringRequest,
        response: { 200: DecideRecurringResponse, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const userId = request.user.id;
      const payment = (await recurringPayments(app.db, userId, bankToday())).find(
        (p) => p.id === request.params.id,
      );
      if (payment === undefined) throw notFound('This recurring payment');
      await decide(app.db, userId, payment.id, request.body.status);
      return { recurring: { ...payment, status: request.body.status } };
    },
  );
};
