import fp from 'fastify-plugin';
import type { ResolvedConfig } from '../config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: ResolvedConfig;
  }
}

export const configPlugin = fp<{ config: ResolvedConfig }>(
  async (app, { config }) => {
    app.decorate('config', config);
  },
  { name: 'config' },
);
