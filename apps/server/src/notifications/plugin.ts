/** The push sender of this app, for the routes and the jobs. */
import type { Agent } from 'node:https';
import fp from 'fastify-plugin';
import { PushSender } from './push.ts';

declare module 'fastify' {
  interface FastifyInstance {
    push: PushSender;
    pushEndpointAllowed(endpoint: string): boolean;
  }
}

export interface NotificationsPluginOptions {
  /** The HTTPS agent pushes go through (tests give one that trusts their push service). */
  agent?: Agent;
}

export const notificationsPlugin = fp<NotificationsPluginOptions>(
  async (app, options) => {
    app.decorate(
      'push',
      new PushSender({
        db: app.db,
        vault: app.vault,
        push: app.config.push,
        log: app.log.child({ component: 'push' }),
        ...(options.agent ? { agent: options.agent } : {}),
      }),
    );
    // Push services are reached over https only: the server never posts to a plain-http address a browser gave.
    app.decorate('pushEndpointAllowed', (endpoint: string) => new URL(endpoint).protocol === 'https:');
  },
  { name: 'notifications', dependencies: ['config', 'database'] },
);
