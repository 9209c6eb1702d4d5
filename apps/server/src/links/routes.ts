import { ListLinksResponse } from '@passbook/contracts';
import { contract } from '@passbook/contracts/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fromContract } from '../http/contract-route.ts';
import { presentJob } from '../jobs/repository.ts';
import { linkServiceOf } from './service.ts';
import { LinksViewCache, matches, viewOf } from './view-cache.ts';

const rateLimited = { rateLimit: {} };
const NO_LINKS = viewOf(JSON.stringify({ links: [] }));

export const linkRoutes: FastifyPluginAsyncZod = async (app) => {
  const links = linkServiceOf(app);

  app.route({
    ...fromContract(contract.createLink),
    config: rateLimited,
    handler: async (request, reply) => {
      const { link, job } = await links.link(request.user.id, request.body.loginId);
      return reply.status(202).send({ link, job: presentJob(job) });
    },
  });

  const views = new LinksViewCache();
  app.addHook('onReady', () => views.start(app.db));
  app.addHook('onClose', () => views.close());

  app.route({
    ...fromContract(contract.listLinks),
    handler: async (request, reply) => {
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
      // Encoded through the response schema when it was computed: sent as it is (Fastify serialises no text).
      return reply.type('application/json; charset=utf-8').send(view.body as unknown as ListLinksResponse);
    },
  });

  app.route({
    ...fromContract(contract.getLink),
    handler: async (request) => ({ link: await links.get(request.user.id, request.params.id) }),
  });

  app.route({
    ...fromContract(contract.renameLink),
    handler: async (request) => ({
      link: await links.rename(request.user.id, request.params.id, request.body.name),
    }),
  });

  app.route({
    ...fromContract(contract.deleteLink),
    handler: async (request, reply) => {
      await links.remove(request.user.id, request.params.id);
      return reply.status(204).send();
    },
  });

  app.route({
    ...fromContract(contract.refreshLink),
    config: rateLimited,
    handler: async (request, reply) => {
      const job = await links.refresh(request.user.id, request.params.id);
      return reply.status(202).send({ job: presentJob(job) });
    },
  });
};
