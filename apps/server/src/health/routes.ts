import { setTimeout as sleep } from 'node:timers/promises';
import { contract } from '@passbook/contracts/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { fromContract } from '../http/contract-route.ts';

const HEALTH_TIMEOUT_MS = 5_000;

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...fromContract(contract.health),
    handler: async (request) => {
      try {
        // A database that does not answer at all is as unavailable as one that refuses.
        await Promise.race([
          app.db.query('SELECT 1'),
          sleep(HEALTH_TIMEOUT_MS, undefined, { ref: false }).then(() => {
            throw new Error(`no answer within ${HEALTH_TIMEOUT_MS} ms`);
          }),
        ]);
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unreachable');
        throw new AppError(503, 'DATABASE_UNAVAILABLE', 'The database cannot be reached.');
      }
      const fullSince = app.storage.fullSince();
      if (fullSince !== null) {
        throw new AppError(
          503,
          'STORAGE_FULL',
          `The database cannot write: its disk has been full since ${fullSince.toISOString()}.`,
        );
      }
      return { status: 'ok' as const, database: 'ok' as const };
    },
  });
};
