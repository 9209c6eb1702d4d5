/**
 * Every error leaves as `{error: {code, message}}` with its status — ours, Fastify's own (unknown route, bad
 * JSON, wrong content type, body too large, validation) and the unexpected. A 5xx says nothing of its cause.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiErrorCode } from '@passbook/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DatabaseError, isTransientDatabaseError, STORAGE_FULL } from '../db/database.ts';
import { AppError } from '../errors.ts';

const MAX_ISSUES_SHOWN = 3;

interface Refusal {
  code: ApiErrorCode;
  message: string;
}

const INVALID_JSON: Refusal = { code: 'INVALID_JSON', message: 'The body is not valid JSON.' };
const BAD_REQUEST: Refusal = { code: 'BAD_REQUEST', message: 'The request is malformed.' };

/** Fastify's own client errors, by their code. */
const FASTIFY_ERRORS: Record<string, Refusal> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'This content type is not accepted here; send application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'BAD_REQUEST',
    message: 'The Content-Length does not match the body.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'INVALID_JSON',
    message: 'The body is empty although its content type is application/json.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: INVALID_JSON,
};

const GENERIC_BY_STATUS: Record<number, Refusal> = {
  400: BAD_REQUEST,
  401: { code: 'UNAUTHORIZED', message: 'This request is not authorised.' },
  403: { code: 'FORBIDDEN', message: 'This request is not allowed.' },
  404: { code: 'NOT_FOUND', message: 'Not found.' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'This method is not allowed here.' },
  406: { code: 'NOT_ACCEPTABLE', message: 'No acceptable representation.' },
  408: { code: 'REQUEST_TIMEOUT', message: 'The request took too long.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  414: { code: 'URI_TOO_LONG', message: 'The URL is too long.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'This content type is not accepted here.' },
  429: { code: 'RATE_LIMITED', message: 'Too many requests; try again later.' },
  431: { code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large.' },
};

export function errorBody(code: ApiErrorCode, message: string) {
  return { error: { code, message } };
}

function validationMessage(error: FastifyError): string {
  const where = error.validationContext ?? 'request';
  const issues = (error.validation ?? []).slice(0, MAX_ISSUES_SHOWN).map((issue) => {
    const path = issue.instancePath && issue.instancePath !== '/' ? issue.instancePath.slice(1) : '';
    return `${where}${path ? `.${path.replaceAll('/', '.')}` : ''}: ${issue.message}`;
  });
  return `Invalid request — ${issues.join('; ')}`;
}

function describe(error: FastifyError): Refusal & { status: number } {
  if (error instanceof AppError)
    return { status: error.statusCode, code: error.code, message: error.message };
  if (error instanceof DatabaseError && error.code === STORAGE_FULL) {
    return {
      status: 503,
      code: 'STORAGE_FULL',
      message: 'The server has run out of disk space, so nothing was changed. Try again later.',
    };
  }
  if (isTransientDatabaseError(error)) {
    return {
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database cannot be reached; try again shortly.',
    };
  }
  if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
    return { status: 400, code: 'VALIDATION_FAILED', message: validationMessage(error) };
  }
  const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  if (known && status < 500) return { status, ...known };
  if (error instanceof SyntaxError && status === 400) return { status, ...INVALID_JSON };
  if (status < 500) return { status, ...(GENERIC_BY_STATUS[status] ?? BAD_REQUEST) };
  if (status === 503)
    return { status, code: 'UNAVAILABLE', message: 'The service is unavailable; try again shortly.' };
  return { status: 500, code: 'INTERNAL', message: 'Something went wrong on our side.' };
}

/**
 * Also Fastify's `frameworkErrors` option: a URL it cannot decode or a parameter over the length limit is
 * refused before routing, where the error handler below never sees it.
 */
export function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, code, message } = describe(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code, status }, 'request refused');
  return reply.status(status).type('application/json; charset=utf-8').send(errorBody(code, message));
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses (a NUL or bare LF in the head, an unknown
 * method, both Content-Length and Transfer-Encoding, headers past 16 KB) never becomes a request, so the answer
 * is written on the socket here, in our shape, and the connection closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const { code, message } = GENERIC_BY_STATUS[status] ?? BAD_REQUEST;
  const body = JSON.stringify(errorBody(code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

export const errorHandlerPlugin = fp(
  async (app) => {
    app.setErrorHandler(sendError);
    // Node answers a request without Host itself, with an empty 400, unless told not to (app.ts): it is
    // refused here instead, first of all, in our shape.
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.headers.host === undefined && request.raw.httpVersion === '1.1') {
        done(new AppError(400, 'BAD_REQUEST', 'The request names no Host.'));
      } else {
        done();
      }
    });
  },
  { name: 'error-handler' },
);
