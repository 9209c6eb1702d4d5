/**
 * The app, assembled in layers: infrastructure, then the domain modules, then the web app's static files.
 * `buildApp` is what tests call (with `app.inject` or a real listener); main.ts runs it.
 */
import type { Agent } from 'node:https';
import type { LookupFunction } from 'node:net';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountRoutes } from './accounts/routes.ts';
import { accountRoutes as personalAccountRoutes } from './auth/account-routes.ts';
import { OidcStrategy } from './auth/oidc.ts';
import { PasskeyStrategy, relyingPartyFor } from './auth/passkeys.ts';
import { authRoutes, OIDC_CALLBACK_PATH } from './auth/routes.ts';
import { categoryRoutes } from './categories/routes.ts';
import { type Clock, systemClock } from './clock.ts';
import type { ResolvedConfig } from './config.ts';
import { connectRoutes } from './connect/routes.ts';
import { consentRoutes } from './consents/routes.ts';
import type { Database } from './db/database.ts';
import { eventRoutes } from './events/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { jobsPlugin } from './jobs/plugin.ts';
import { jobRoutes } from './jobs/routes.ts';
import { linkRoutes } from './links/routes.ts';
import { loggerOptions } from './logger.ts';
import { notificationsPlugin } from './notifications/plugin.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { configPlugin } from './plugins/config.ts';
import { databasePlugin } from './plugins/database.ts';
import { answerClientError, errorHandlerPlugin, sendError } from './plugins/error-handler.ts';
import { flinksPlugin } from './plugins/flinks.ts';
import { apiScope, identityPlugin, sessionScope } from './plugins/identity.ts';
import { openApiPlugin } from './plugins/openapi.ts';
import { rateLimitPlugin } from './plugins/rate-limit.ts';
import { securityPlugin } from './plugins/security.ts';
import { webPlugin } from './plugins/web.ts';
import { recurringRoutes } from './recurring/routes.ts';
import { spendingRoutes } from './spending/routes.ts';
import { statementRoutes } from './statements/routes.ts';
import { webhookRoutes } from './webhooks/routes.ts';

/** JSON bodies of our own routes are small; the webhook route allows more for itself. */
export const BODY_LIMIT = 64 * 1024;

export interface AppOverrides {
  /** A database opened by the caller and shared (tests); the app does not close it. */
  database?: Database;
  /** Where logs go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream;
  /** False: jobs are created but not executed by this app. */
  runJobs?: boolean;
  /** This process's job lease owner id. */
  jobOwner?: string;
  /** What schedules are reckoned by (tests move their own). */
  clock?: Clock;
  /** The HTTPS agent Web Push goes through (tests trust their own push service with it). */
  pushAgent?: Agent;
  /** Told of every route as it is registered (tests compare them with the contract). */
  onRoute?: (route: RouteOptions) => void;
  /**
   * Tests only, never set by the environment: pushes may go to private addresses (the tests' push service
   * listens on 127.0.0.1). Off, an endpoint on an internal host is refused and none is connected to.
   */
  pushToPrivateAddresses?: boolean;
  /** How push hosts are resolved (tests answer for names of their own). */
  pushLookup?: LookupFunction;
}

export async function buildApp(
  config: ResolvedConfig,
  overrides: AppOverrides = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      ...loggerOptions(config.logLevel),
      ...(overrides.logStream ? { stream: overrides.logStream } : {}),
    },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: sendError,
    clientErrorHandler: answerClientError,
    http: { requireHostHeader: false },
    // Opening and migrating a fresh embedded database takes as long as the machine needs; a start is never
    // abandoned halfway (the launcher shows it is still going).
    pluginTimeout: 0,
  }).withTypeProvider<ZodTypeProvider>();
  if (overrides.onRoute) app.addHook('onRoute', overrides.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text/plain POST is what a cross-site form can send without a preflight.
  app.removeContentTypeParser('text/plain');

  // Infrastructure
  await app.register(configPlugin, { config });
  await app.register(errorHandlerPlugin);
  await app.register(databasePlugin, {
    clock: overrides.clock ?? systemClock,
    ...(overrides.database ? { database: overrides.database } : {}),
  });
  await app.register(identityPlugin);
  await app.register(securityPlugin);
  await app.register(rateLimitPlugin);
  await app.register(openApiPlugin);
  await app.register(flinksPlugin);
  await app.register(notificationsPlugin, {
    ...(overrides.pushAgent ? { agent: overrides.pushAgent } : {}),
    ...(overrides.pushLookup ? { lookup: overrides.pushLookup } : {}),
    privateAddresses: overrides.pushToPrivateAddresses === true,
  });
  await app.register(jobsPlugin, {
    clock: overrides.clock ?? systemClock,
    ...(overrides.runJobs === undefined ? {} : { run: overrides.runJobs }),
    ...(overrides.jobOwner ? { owner: overrides.jobOwner } : {}),
  });

  // Routes that answer for nobody in particular
  await app.register(healthRoutes);
  await app.register(webhookRoutes);

  // Signing in and out, then every route that acts for a person (request.user)
  const passkeys = new PasskeyStrategy(app.db, relyingPartyFor(config.publicUrl));
  const oidc =
    config.oidc === null
      ? null
      : new OidcStrategy(app.db, config.oidc, `${config.publicUrl}${OIDC_CALLBACK_PATH}`);
  await app.register(sessionScope(authRoutes(passkeys, oidc)));
  await app.register(
    apiScope(async (api) => {
      await api.register(connectRoutes);
      await api.register(linkRoutes);
      await api.register(jobRoutes);
      await api.register(eventRoutes);
      await api.register(accountRoutes);
      await api.register(statementRoutes);
      await api.register(categoryRoutes);
      await api.register(spendingRoutes);
      await api.register(recurringRoutes);
      await api.register(consentRoutes);
      await api.register(personalAccountRoutes(passkeys, oidc));
      await api.register(notificationRoutes);
    }),
  );

  // The web app
  await app.register(webPlugin);

  return app;
}
