/**
 * Structured logs (pino) that never carry a credential: request URLs are logged without their query values
 * (Connect's landing page receives the LoginId in its query), and fields that could hold a LoginId, a token or a
 * secret are censored wherever they appear in a logged object.
 */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

const SENSITIVE_FIELDS = [
  'loginId',
  'LoginId',
  'authorizeToken',
  'token',
  'Token',
  'secretKey',
  'apiKey',
  'secret',
  'clientSecret',
  'client_secret',
  'connectUrl',
  'password',
  'Password',
  'securityResponses',
  'SecurityResponses',
];

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["flinks-auth-key"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_FIELDS,
  ...SENSITIVE_FIELDS.map((field) => `*.${field}`),
];

/** `/connect/return?loginId=…&institution=…` → `/connect/return?loginId=~&institution=~`. */
export function urlWithoutQueryValues(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const names = url
    .slice(start + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]?.slice(0, 64)}=~`);
  return `${url.slice(0, start)}?${names.join('&')}`;
}

export function loggerOptions(
  level: Config['logLevel'],
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: urlWithoutQueryValues(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}
