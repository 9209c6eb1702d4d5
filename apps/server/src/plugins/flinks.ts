import { createFlinksClient, type FlinksClient } from '@passbook/flinks';
import fp from 'fastify-plugin';
import { LARGE_ANSWER, loopTurns } from '../jobs/turns.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The only way this app talks to Flinks. */
    flinks: FlinksClient;
  }
}

export const flinksPlugin = fp(
  async (app) => {
    const { flinks } = app.config;
    app.decorate(
      'flinks',
      createFlinksClient({
        apiUrl: flinks.apiUrl,
        customerId: flinks.customerId,
        secretKey: flinks.secretKey,
        apiKey: flinks.apiKey,
        pollIntervalMs: flinks.pollIntervalMs,
        pollTimeoutMs: flinks.pollTimeoutMs,
        requestTimeoutMs: flinks.requestTimeoutMs,
        logger: app.log.child({ component: 'flinks' }),
        beforeDecode: (length) => (length >= LARGE_ANSWER ? loopTurns.take('start') : undefined),
      }),
    );
    if (flinks.embedded) app.log.info({ apiUrl: flinks.apiUrl }, 'using the embedded Flinks emulator');
  },
  { name: 'flinks', dependencies: ['config'] },
);
