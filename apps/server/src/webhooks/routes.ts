/**
 * Flinks' webhook receiver. The signature is checked on the raw bytes as they arrive (this route alone reads
 * its bodies so, `signed-body.ts`), and only a signed body is held whole; the delivery is recorded idempotently and the answer goes back at once; the job waiting on that
 * RequestId picks the result up, and a delivery for a result already stored changes nothing.
 */
import { contract } from '@passbook/contracts/contract';
import { WEBHOOK_SIGNATURE_HEADERS } from '@passbook/flinks';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { fromContract } from '../http/contract-route.ts';
import { discardStalePayloads, recordDelivery, requestKey } from './repository.ts';
import { signedBodyParser, unsigned } from './signed-body.ts';

/**
 * The largest GetAccountsDetail the emulator produces (`test_large_history`, about 55,000 transactions) is
 * 9.2 MB; a year of a busy business account at Flinks is of that order. 16 MiB leaves a margin.
 */
export const WEBHOOK_BODY_LIMIT = 16 * 1024 * 1024;

/** Per source address: Flinks delivers once per retrieval (and retries a refused delivery later). */
export const WEBHOOK_RATE_LIMIT = { max: 600, timeWindow: 60_000 };

/**
 * Bodies read at once, all sources together: what bounds the memory the route can hold whatever arrives
 * (a delivery refused for it is retried by Flinks).
 */
const BODIES_IN_FLIGHT = 4;

/** Base64 of an HMAC-SHA256: 32 bytes, 44 characters. Anything else cannot be a signature. */
const SIGNATURE_SHAPE = /^[A-Za-z0-9+/]{43}=$/;

function wellSigned(headers: Record<string, string | string[] | undefined>): boolean {
  const values = WEBHOOK_SIGNATURE_HEADERS.flatMap((name) => headers[name] ?? []);
  return values.length > 0 && values.every((value) => SIGNATURE_SHAPE.test(value.trim()));
}

const Envelope = z.looseObject({
  RequestId: z.guid(),
  // Stored as text, which PostgreSQL refuses to hold a NUL character in.
  ResponseType: z
    .string()
    .min(1)
    .max(64)
    .refine((type) => !type.includes('\u0000')),
});

export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const secret = app.config.flinks.webhookSecret;
  let bodiesInFlight = 0;
  if (secret !== null) {
    // A delivery no job took (it failed first, or never came to read it) is not kept past its use.
    const retentionMs = app.config.flinks.webhookRetentionMs;
    const sweep = setInterval(
      () => {
        discardStalePayloads(app.db, retentionMs).catch((error) =>
          app.log.error({ err: error }, 'webhook payloads: discarding stale ones failed'),
        );
      },
      Math.min(60_000, Math.max(100, Math.floor(retentionMs / 10))),
    );
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));
  }
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { bodyLimit: WEBHOOK_BODY_LIMIT },
    signedBodyParser(secret, WEBHOOK_BODY_LIMIT),
  );

  app.route({
    ...fromContract(contract.flinksWebhook),
    bodyLimit: WEBHOOK_BODY_LIMIT,
    config: {
      rateLimit: { ...WEBHOOK_RATE_LIMIT, keyGenerator: (request: FastifyRequest) => `ip:${request.ip}` },
    },
    // Everything that can be decided from the head is, before a byte of the body is read: the receiver is off,
    // the request carries nothing shaped like a signature, its body is announced too large, or enough bodies
    // are being read already.
    onRequest: async (request, reply) => {
      if (secret === null) throw new AppError(404, 'NOT_FOUND', 'There is nothing at this address.');
      if (!wellSigned(request.headers)) throw unsigned();
      if (Number(request.headers['content-length'] ?? 0) > WEBHOOK_BODY_LIMIT) {
        throw new AppError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
      }
      if (bodiesInFlight >= BODIES_IN_FLIGHT) {
        throw new AppError(503, 'BUSY', 'Too many deliveries at once; deliver again shortly.');
      }
      bodiesInFlight += 1;
      reply.raw.once('close', () => {
        bodiesInFlight -= 1;
      });
    },
    handler: async (request) => {
      // The parser gives a body only once its signature matched.
      const raw = request.body;
      if (secret === null || !Buffer.isBuffer(raw)) throw unsigned();

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
        // Only results a job can use are kept, sealed (they hold a LoginId and bank data), until it stores them.
        sealedPayload: isResult ? app.vault.sealPayload(raw.toString('utf8'), requestId) : null,
      });
      if (outcome === 'stored' && isResult) app.jobRunner.notifyWebhook(requestId);
      request.log.info({ responseType: envelope.ResponseType, outcome }, 'webhook received');
      return { received: true as const, duplicate: outcome === 'duplicate' };
    },
  });
};
