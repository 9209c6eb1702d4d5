import { ErrorBody, JobParams, JobResponse } from '@passbook/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../errors.ts';
import { findJob, presentJob } from './repository.ts';

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/jobs/:id',
    {
      schema: {
        summary: 'A job’s state',
        description:
          'queued → authorizing → retrieving → succeeded | failed; any job may stop at mfa_required ' +
          '(open `connectUrl`, then POST /api/links) until the user answers the bank’s questions.',
        tags: ['jobs'],
        params: JobParams,
        response: { 200: JobResponse, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const job = await findJob(app.db, request.user.id, request.params.id);
      if (job === null) throw notFound('This job');
      return { job: presentJob(job) };
    },
  );
};
