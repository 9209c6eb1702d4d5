import { ConnectTokenRequest, ConnectTokenResponse, ErrorBody } from '@passbook/contracts';
import { isFlinksError } from '@passbook/flinks';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, notFound } from '../errors.ts';
import { findJob } from '../jobs/repository.ts';
import { AUTHORIZE_TOKEN_TTL_MS, buildConnectUrl } from './connect-url.ts';

export const connectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/connect/token',
    {
      config: { rateLimit: {} },
      schema: {
        summary: 'Mint a single-use authorize token and return the Connect URL that uses it',
        description:
          'With `jobId` of a refresh waiting for security answers (`mfa_required`), the URL resumes that ' +
          'session’s questions with a fresh token; with `requestId` of a first connection’s questions (which ' +
          'Connect reported to the page before a reload), the URL resumes those. The body may be omitted.',
        tags: ['connect'],
        body: ConnectTokenRequest.nullish(),
        response: {
          200: ConnectTokenResponse,
          400: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          429: ErrorBody,
          502: ErrorBody,
        },
      },
    },
    async (request) => {
      const { language, jobId, theme } = request.body ?? {};
      let requestId = request.body?.requestId;
      if (jobId !== undefined) {
        const job = await findJob(app.db, request.user.id, jobId);
        if (job === null) throw notFound('This job');
        if (job.state !== 'mfa_required' || job.request_id === null) {
          throw new AppError(409, 'JOB_NOT_WAITING', 'This job is not waiting for security answers.');
        }
        requestId = job.request_id;
      }

      let authorizeToken: string;
      try {
        authorizeToken = await app.flinks.generateAuthorizeToken();
      } catch (error) {
        request.log.error(
          { err: error, flinksCode: isFlinksError(error) ? error.flinksCode : undefined },
          'token',
        );
        throw new AppError(
          502,
          'UPSTREAM_FAILED',
          'Flinks could not start a connection right now; try again.',
        );
      }
      const connectUrl = buildConnectUrl(app.config, { authorizeToken, language, requestId, theme });
      if (jobId !== undefined) {
        await app.db.query(
          "UPDATE jobs SET connect_url = $2, updated_at = now() WHERE id = $1 AND state = 'mfa_required'",
          [jobId, connectUrl],
        );
      }
      return {
        connectUrl,
        connectOrigin: app.config.flinks.connectOrigin,
        expiresAt: new Date(Date.now() + AUTHORIZE_TOKEN_TTL_MS).toISOString(),
      };
    },
  );
};
