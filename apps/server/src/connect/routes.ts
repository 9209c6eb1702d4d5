import { contract } from '@passbook/contracts/contract';
import { isFlinksError } from '@passbook/flinks';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, notFound } from '../errors.ts';
import { fromContract } from '../http/contract-route.ts';
import { findJob } from '../jobs/repository.ts';
import { AUTHORIZE_TOKEN_TTL_MS, buildConnectUrl } from './connect-url.ts';

export const connectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...fromContract(contract.connectToken),
    config: { rateLimit: {} },
    handler: async (request) => {
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
  });
};
