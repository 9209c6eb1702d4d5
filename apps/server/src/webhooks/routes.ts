/**
 * Flinks' webhook receiver. The signature is checked on the raw bytes (this route alone parses bodies as raw
 * buffers), the delivery is recorded idempotently and the answer goes back at once; the job waiting on that
 * RequestId picks the result up, and a delivery for a result already stored changes nothing.
 */
import { ErrorBody } from '@passbook/contracts';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADERS } from '@passbook/flinks';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { recordDelivery, requestKey } from './repository.ts';

/** A GetAccountsDetail body with 50,000 transactions is about 10 MB. */
export const WEBHOOK_BODY_LIMIT = 32 * 1024 * 1024;

const Envelope = z.looseObject({
  RequestId: z.guid(),
  // Stored as text, which PostgreSQL refuses to hold a NUL character in.
  ResponseType: z
    .string()
    .min(1)
    .max(64)
    .refine((type) => !type.includes('\u0000')),
});

const unsigned = () =>
  new AppError(401, 'INVALID_SIGNATURE', 'The webhook signature is missing or does not match.');

export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const secret = app.config.flinks.webhookSecret;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/webhooks/flinks',
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      schema: {
        summary: 'Flinks webhook receiver (enabled when FLINKS_WEBHOOK_SECRET is set)',
        description:
          'Signed with Base64(HMAC-SHA256(raw body, secret)) in `X-Flinks-Signature` or ' +
          '`flinks-authenticity-key`. Idempotent per RequestId and ResponseType.',
        tags: ['webhooks'],
        response: {
          200: z.object({ received: z.literal(true), duplicate: z.boolean() }),
          400: ErrorBody,
          401: ErrorBody,
          404: ErrorBody,
          413: ErrorBody,
        },
      },
      // Refuse before reading up to 32 MB when the receiver is off or the request is not even signed.
      onRequest: async (request) => {
        if (secret === null) throw new AppError(404, 'NOT_FOUND', 'There is nothing at this address.');
        if (!WEBHOOK_SIGNATURE_HEADERS.some((name) => request.headers[name] !== undefined)) throw unsigned();
      },
    },
    async (request) => {
      const raw = request.body;
      if (secret === null || !Buffer.isBuffer(raw)) throw unsigned();
      if (!verifyWebhookSignature(raw, request.headers, secret)) throw unsigned();

      let envelope: z.infer<typeof Envelope>;
      try {
        envelope = Envelope.parse(JSON.parse(raw.toString('utf8')));
      } catch {
        throw new AppError(
          400,
          'INVALID_WEBHOOK',
          'The webhook body is not a Flinks delivery with a RequestId.',
        );
      }
      const requestId = requestKey(envelope.RequestId);
      const isResult = envelope.ResponseType === 'GetAccountsDetail';
      const outcome = await recordDelivery(app.db, {
        requestId,
        responseType: envelope.ResponseType,
        // Only results a job can use are kept, and only until it has stored them.
        payload: isResult ? raw.toString('utf8') : null,
      });
      if (outcome === 'stored' && isResult) app.jobRunner.notifyWebhook(requestId);
      request.log.info({ responseType: envelope.ResponseType, outcome }, 'webhook received');
      return { received: true as const, duplicate: outcome === 'duplicate' };
    },
  );
};
