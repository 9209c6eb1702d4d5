import { ErrorBody, HealthResponse } from '@passbook/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Liveness and database reachability',
        tags: ['health'],
        response: { 200: HealthResponse, 503: ErrorBody },
      },
    },
    async (request) => {
      try {
        await app.db.query('SELECT 1');
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unreachable');
        throw new AppError(503, 'DATABASE_UNAVAILABLE', 'The database cannot be reached.');
      }
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );
};
