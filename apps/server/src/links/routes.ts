import {
  CreateLinkRequest,
  CreateLinkResponse,
  ErrorBody,
  JobResponse,
  LinkParams,
  LinkResponse,
  ListLinksResponse,
  RenameLinkRequest,
} from '@passbook/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentJob } from '../jobs/repository.ts';
import { linkServiceOf } from './service.ts';
import { LinksViewCache, matches, viewOf } from './view-cache.ts';

const rateLimited = { rateLimit: {} };
const NO_LINKS = viewOf(JSON.stringify({ links: [] }));

export const linkRoutes: FastifyPluginAsyncZod = async (app) => {
  const links = linkServiceOf(app);

  app.post(
    '/api/links',
    {
      config: rateLimited,
      schema: {
        summary: 'Link (or re-link) a LoginId from Connect’s REDIRECT and start retrieving its data',
        description:
          'Idempotent per user and LoginId: the same link comes back, with the job already under way if any. ' +
          'After a refresh asked for security answers (job `mfa_required`), this call resumes that job.',
        tags: ['links'],
        body: CreateLinkRequest,
        response: { 202: CreateLinkResponse, 400: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { link, job } = await links.link(request.user.id, request.body.loginId);
      return reply.status(202).send({ link, job: presentJob(job) });
    },
  );

  const views = new LinksViewCache();
  app.addHook('onReady', () => views.start(app.db));
  app.addHook('onClose', () => views.close());

  app.get(
    '/api/links',
    {
      schema: {
        summary: 'This user’s links with their accounts and balances',
        description:
          'Served from a per-instance cache that database notifications keep current, with an ETag: a request ' +
          'whose If-None-Match names it is answered 304 without a body.',
        tags: ['links'],
        response: { 200: ListLinksResponse, 304: z.null().describe('Not modified: the ETag still names it') },
      },
    },
    async (request, reply) => {
      const userId = request.user.id;
      // A visitor without a session has nothing, and is not worth a cache entry.
      const view =
        request.session === null
          ? NO_LINKS
          : await views.read(userId, async () =>
              JSON.stringify(ListLinksResponse.encode({ links: await links.list(userId) })),
            );
      // Per user, and always revalidated: the browser asks with If-None-Match and gets a bodiless 304.
      reply.header('cache-control', 'private, no-cache').header('vary', 'cookie').header('etag', view.etag);
      if (matches(request.headers['if-none-match'], view.etag)) return reply.code(304).send(null);
      // Encoded through the response schema when it was computed: sent as its bytes.
      return reply.type('application/json; charset=utf-8').send(view.body as unknown as ListLinksResponse);
    },
  );

  app.get(
    '/api/links/:id',
    {
      schema: {
        summary: 'One link with its accounts',
        tags: ['links'],
        params: LinkParams,
        response: { 200: LinkResponse, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => ({ link: await links.get(request.user.id, request.params.id) }),
  );

  app.patch(
    '/api/links/:id',
    {
      schema: {
        summary: 'Rename a link (its bank name comes back with an empty or null name)',
        tags: ['links'],
        params: LinkParams,
        body: RenameLinkRequest,
        response: { 200: LinkResponse, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => ({
      link: await links.rename(request.user.id, request.params.id, request.body.name),
    }),
  );

  app.delete(
    '/api/links/:id',
    {
      schema: {
        summary: 'Remove a link and its data, here and at Flinks (DeleteCard)',
        description:
          'A retrieval under way for the link is stopped first. 409 CARD_IN_USE when Flinks still holds its ' +
          'session after a minute.',
        tags: ['links'],
        params: LinkParams,
        response: {
          204: z.undefined().meta({ description: 'Removed' }),
          400: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          502: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      await links.remove(request.user.id, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/links/:id/refresh',
    {
      config: rateLimited,
      schema: {
        summary: 'Start a live refresh with the bank',
        description: 'While a job is unfinished for this link, returns that job instead of starting another.',
        tags: ['links'],
        params: LinkParams,
        response: { 202: JobResponse, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const job = await links.refresh(request.user.id, request.params.id);
      return reply.status(202).send({ job: presentJob(job) });
    },
  );
};
