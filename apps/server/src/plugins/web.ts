/**
 * Serves the web app's build (apps/web/dist) and answers every other non-API GET with its index.html, so that
 * client-side routes such as /connect/return load the app. Without a build the API still runs, and says so.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { errorBody } from './error-handler.ts';

/** apps/web/dist in the workspace this file belongs to, whether it runs from source or from the bundle. */
export function findWebBuild(start = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) {
      const build = join(dir, 'apps', 'web', 'dist');
      return existsSync(join(build, 'index.html')) ? build : null;
    }
    if (dirname(dir) === dir) return null;
  }
}

/** Where the API's documentation pages are (Swagger UI): pages, though under /api. */
export const API_DOCS_PATH = '/api/docs';

/** Whether an address is the API's (answered in JSON when nothing is there) rather than the web app's. */
export function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

export const webPlugin = fp(
  async (app) => {
    const configured = app.config.webDistDir;
    const root = configured ?? findWebBuild();
    const servable = root !== null && existsSync(join(root, 'index.html'));
    if (servable) {
      await app.register(fastifyStatic, {
        root,
        index: 'index.html',
        setHeaders: (reply, path) => {
          // Vite fingerprints everything under assets/; the rest must be revalidated to pick up a new build.
          const immutable = path.startsWith(join(root, 'assets'));
          reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      app.log.info({ root }, 'serving the web app');
    } else {
      app.log.warn(
        { root: configured ?? 'apps/web/dist' },
        'web app build not found: serving the API only (run `pnpm --filter @passbook/web build`)',
      );
    }

    app.setNotFoundHandler(async (request, reply) => {
      if (servable && (request.method === 'GET' || request.method === 'HEAD') && !isApi(request.url)) {
        reply.header('cache-control', 'no-cache');
        return reply.type('text/html; charset=utf-8').sendFile('index.html');
      }
      return reply.status(404).send(errorBody('NOT_FOUND', 'There is nothing at this address.'));
    });
  },
  { name: 'web', dependencies: ['config'] },
);
