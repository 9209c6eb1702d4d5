import { contract } from '@passbook/contracts/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../errors.ts';
import { fromContract } from '../http/contract-route.ts';
import { findJob, presentJob } from './repository.ts';

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...fromContract(contract.getJob),
    handler: async (request) => {
      const job = await findJob(app.db, request.user.id, request.params.id);
      if (job === null) throw notFound('This job');
      return { job: presentJob(job) };
    },
  });
};
