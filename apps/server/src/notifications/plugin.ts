/** The push sender of this app, for the routes and the jobs. */
import { Agent } from 'node:https';
import type { LookupFunction } from 'node:net';
import fp from 'fastify-plugin';
import { publicOnlyLookup, pushEndpointRefusal } from './endpoint.ts';
import { PushSender } from './push.ts';

declare module 'fastify' {
  interface FastifyInstance {
    push: PushSender;
    /** Why a device's push endpoint is refused, or null when the server may post to it. */
    pushEndpointRefusal(endpoint: string): string | null;
  }
}

export interface NotificationsPluginOptions {
  /** The HTTPS agent pushes go through (tests give one that trusts their push service). */
  agent?: Agent;
  /** How push hosts are resolved; the system's resolver by default. */
  lookup?: LookupFunction;
  /** Tests only: endpoints on private addresses are accepted and posted to. */
  privateAddresses?: boolean;
}

export const notificationsPlugin = fp<NotificationsPluginOptions>(
  async (app, options) => {
    const privateAddresses = options.privateAddresses === true;
    // Every connection to a push service is made to an address checked public when it is resolved.
    const agent = privateAddresses
      ? options.agent
      : new Agent({ lookup: publicOnlyLookup(options.lookup), keepAlive: false });
    app.decorate(
      'push',
      new PushSender({
        db: app.db,
        vault: app.vault,
        push: app.config.push,
        log: app.log.child({ component: 'push' }),
        endpointRefusal: privateAddresses ? () => null : pushEndpointRefusal,
        ...(agent ? { agent } : {}),
      }),
    );
    if (!privateAddresses) app.addHook('onClose', async () => agent?.destroy());
    // Push services are reached over https only, and only on the public internet (endpoint.ts).
    app.decorate('pushEndpointRefusal', (endpoint: string) =>
      privateAddresses
        ? new URL(endpoint).protocol === 'https:'
          ? null
          : 'A push endpoint is an https URL.'
        : pushEndpointRefusal(endpoint),
    );
  },
  { name: 'notifications', dependencies: ['config', 'database'] },
);
