import { ConsentsResponse } from '@passbook/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listConsents } from './repository.ts';

export const consentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/consents',
    {
      schema: {
        summary:
          'The record of consent per link: when it was given, what Passbook reads, when it was withdrawn',
        description:
          'Stop sharing with `DELETE /api/links/:id`: DeleteCard at Flinks, then the data here, at once.',
        tags: ['consents'],
        response: { 200: ConsentsResponse },
      },
    },
    async (request) => ({ consents: await listConsents(app.db, request.user.id) }),
  );
};
