/**
 * A webhook body read as it arrives, its HMAC computed chunk by chunk, within a size limit. A delivery whose
 * signature does not match is refused at its last byte without its chunks ever being joined or parsed; only a
 * signed one becomes one buffer for the handler. (A missing or malformed signature header, or a body announced
 * too large, is refused from the head before any of this: see the route's onRequest.)
 */
import { webhookSignatureCheck } from '@passbook/flinks';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

export const unsigned = () =>
  new AppError(401, 'INVALID_SIGNATURE', 'The webhook signature is missing or does not match.');

const tooLarge = () => new AppError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');

/** A content type parser (`addContentTypeParser` without `parseAs`) for the webhook route. */
export function signedBodyParser(secret: string | null, limit: number) {
  return (
    request: FastifyRequest,
    payload: NodeJS.ReadableStream,
    done: (error: Error | null, body?: Buffer) => void,
  ): void => {
    if (secret === null) {
      done(unsigned());
      return;
    }
    const announced = Number(request.headers['content-length']);
    if (announced > limit) {
      done(tooLarge());
      return;
    }
    const check = webhookSignatureCheck(secret);
    const chunks: Buffer[] = [];
    let received = 0;

    const stop = () => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
    };
    function onData(data: Buffer | string) {
      const chunk = typeof data === 'string' ? Buffer.from(data) : data;
      received += chunk.length;
      if (received > limit) {
        stop();
        chunks.length = 0;
        done(tooLarge());
        return;
      }
      check.update(chunk);
      chunks.push(chunk);
    }
    function onError(error: Error) {
      stop();
      chunks.length = 0;
      done(Object.assign(error, { statusCode: 400 }));
    }
    function onEnd() {
      stop();
      if (!Number.isNaN(announced) && received !== announced) {
        chunks.length = 0;
        return done(new AppError(400, 'BAD_REQUEST', 'The body is not as long as its Content-Length says.'));
      }
      if (!check.matches(request.headers)) {
        chunks.length = 0;
        return done(unsigned());
      }
      done(null, Buffer.concat(chunks, received));
    }
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.resume();
  };
}
