/**
 * Rate limits for the routes that cost a call to Flinks or start work there (token, link, refresh). Routes opt
 * in with `config: {rateLimit: {}}`; the counter is per user, or per IP address for requests without a session.
 */
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

export const rateLimitPlugin = fp(
  async (app) => {
    await app.register(rateLimit, {
      global: false,
      max: app.config.rateLimit.max,
      timeWindow: app.config.rateLimit.windowMs,
      // The session the request came with: a stranger's first write starts a user, but counts against its IP.
      keyGenerator: (request) => (request.session ? `user:${request.session.userId}` : `ip:${request.ip}`),
      errorResponseBuilder: (_request, context) =>
        new AppError(429, 'RATE_LIMITED', `Too many requests; try again in ${context.after}.`),
    });
  },
  { name: 'rate-limit', dependencies: ['config', 'identity'] },
);
