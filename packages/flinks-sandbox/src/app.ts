/**
 * The emulator as a Fastify app: the Flinks API under `/v3/…`, the Connect page under `/v2/`, the control
 * surface under `/__sandbox/…`, all sharing one state.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { connectRoutes } from './connect/routes.ts';
import { SandboxContext } from './context.ts';
import { controlRoutes } from './control/routes.ts';
import { authorizeEndpoints } from './flinks/authorize-endpoints.ts';
import { dataEndpoints } from './flinks/data-endpoints.ts';
import { enrichEndpoints } from './flinks/enrich-endpoints.ts';
import { registerFlinksRoutes } from './flinks/http.ts';
import { loginEndpoints } from './flinks/login-endpoints.ts';
import { resolveOptions, type SandboxOptions } from './settings.ts';
import { statementEndpoints } from './statements/endpoints.ts';

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** LoginIds, RequestIds and tokens travel in URLs: logs show them masked. */
export function maskUrl(url: string): string {
  return url.replace(GUID, (guid) => `${guid.slice(0, 4)}…`).replace(/(authorizeToken=)[^&]+/i, '$1…');
}

export function buildSandboxApp(options: SandboxOptions = {}): FastifyInstance {
  const resolved = resolveOptions(options);
  const app = Fastify({
    logger: resolved.logger
      ? {
          serializers: {
            req: (request: FastifyRequest) => ({ method: request.method, url: maskUrl(request.url) }),
          },
        }
      : false,
    // A hanging fault holds its connection open until the client gives up: closing must not wait for it.
    forceCloseConnections: true,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  });
  const ctx = new SandboxContext(resolved);

  registerFlinksRoutes(app, ctx, [
    ...authorizeEndpoints(ctx),
    ...dataEndpoints(ctx),
    ...statementEndpoints(ctx),
    ...loginEndpoints(ctx),
    ...enrichEndpoints(ctx),
  ]);
  connectRoutes(app, ctx);
  controlRoutes(app, ctx);
  app.get('/', async () => ({
    name: 'Flinks toolbox emulator',
    api: `/v3/${resolved.customerId}/BankingServices/{Endpoint}`,
    connect: '/v2/',
    control: '/__sandbox/',
  }));
  if (ctx.loginFile) {
    const loginFile = ctx.loginFile;
    // Logins change only on requests that are not reads; the file is rewritten shortly after any of them.
    app.addHook('onResponse', async (request) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') loginFile.schedule();
    });
  }
  app.addHook('onClose', async () => ctx.close());
  return app;
}
