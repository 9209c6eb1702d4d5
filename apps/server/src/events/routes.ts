/**
 * GET /api/events: a Server-Sent Events stream per page, telling it that this user's view changed (a link,
 * an account, a job's progress), so that it reads again what it shows instead of polling. Fed by the
 * database's `passbook_view` notifications, which every instance hears whichever instance made the change.
 * `changed` carries no data: the page re-reads through the API. `stage` carries a job's stage and count as
 * this instance's runner reaches it (jobs/stages.ts), what a read of that job would give, for the moments a
 * large store leaves the database no time to answer a read.
 */
import sse from '@fastify/sse';
import type { JobStageEvent } from '@passbook/contracts';
import { contract } from '@passbook/contracts/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { fromContract } from '../http/contract-route.ts';
import { VIEW_CHANNEL } from '../links/view-cache.ts';

/** What a stream needs to be told of: its user's view changed, or may have. */
interface Stream {
  changed(): void;
  stage(event: JobStageEvent): void;
  close(): void;
}

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(sse, { heartbeatInterval: 25_000 });
  const streams = new Map<string, Set<Stream>>();
  const everyStream = () => [...streams.values()].flatMap((set) => [...set]);

  let stopListening: (() => Promise<void>) | null = null;
  const stopStages = app.jobStages.subscribe((userId, event) => {
    for (const stream of streams.get(userId) ?? []) stream.stage(event);
  });
  app.addHook('onReady', async () => {
    stopListening = await app.db.listen(VIEW_CHANNEL, {
      onMessage: (userId) => {
        for (const stream of streams.get(userId) ?? []) stream.changed();
      },
      onInterrupted: () => undefined,
      // Changes may have gone unheard while notifications were down: every page reads again.
      onResumed: () => {
        for (const stream of everyStream()) stream.changed();
      },
    });
  });
  // Open streams would hold the server's close forever.
  app.addHook('preClose', async () => {
    for (const stream of everyStream()) stream.close();
    stopStages();
    await stopListening?.();
  });

  app.route({
    ...fromContract(contract.events),
    sse: 'only',
    handler: async (request, reply) => {
      // A visitor without a session has nothing to follow yet (apiScope gives it an id no row holds).
      if (request.session === null) throw new AppError(401, 'NO_SESSION', 'There is nothing to follow yet.');
      const userId = request.user.id;
      const stream: Stream = {
        changed: () => {
          if (reply.sse.isConnected) reply.sse.send({ event: 'changed', data: '' }).catch(() => undefined);
        },
        stage: (event) => {
          if (reply.sse.isConnected) {
            reply.sse.send({ event: 'stage', data: event }).catch(() => undefined);
          }
        },
        close: () => reply.sse.close(),
      };
      const own = streams.get(userId) ?? new Set<Stream>();
      own.add(stream);
      streams.set(userId, own);
      reply.sse.onClose(() => {
        own.delete(stream);
        if (own.size === 0) streams.delete(userId);
      });
      reply.sse.keepAlive();
      // Whatever changed before this stream opened (or while a previous one was down) is read now.
      await reply.sse.send({ event: 'changed', data: '' });
    },
  });
};
