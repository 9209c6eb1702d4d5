/**
 * The OpenAPI document, derived from the routes' zod schemas (the contracts package), at /api/openapi.json,
 * and a browsable page for it at /api/docs. Swagger UI's assets come from the installed package, never a CDN.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { cspDirectives, cspHeader } from './security.ts';
import { API_DOCS_PATH } from './web.ts';

export const openApiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Passbook API',
          version: '1.0.0',
          description:
            'Link bank accounts through Flinks Connect and read balances and transactions. ' +
            'Every error is `{error: {code, message}}`; money is integer minor units with a currency.',
        },
        servers: [{ url: app.config.publicUrl }],
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'passbook_session' },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    // Swagger UI sets inline styles; its pages (documentation only, no user data) allow them, nothing more.
    const docsCsp = cspHeader({ ...cspDirectives(app.config), styleSrc: ["'self'", "'unsafe-inline'"] });
    await app.register(swaggerUi, {
      routePrefix: API_DOCS_PATH,
      validatorUrl: false,
      uiHooks: {
        onRequest: (_request, reply, done) => {
          reply.header('content-security-policy', docsCsp);
          done();
        },
      },
    });
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi', dependencies: ['config'] },
);
