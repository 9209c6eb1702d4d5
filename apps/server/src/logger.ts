/**
 * Structured logs (pino) that never carry a credential: request URLs are logged without their query values
 * (Connect's landing page receives the LoginId in its query), and fields that could hold a LoginId, a token or a
 * secret are censored wherever they appear in a logged object.
 */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

/** Fields that could hold a LoginId, a token or a secret: censored wherever they appear in a logged object. */
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
const SENSITIVE = new Set(SENSITIVE_FIELDS);
const CENSOR = '[redacted]';

/**
 * What pino's own redaction censors: the headers of a request or reply, and a sensitive field at the top of a
 * logged object or of a child logger's bindings (which pino hands to no formatter). Deeper fields of a logged
 * object are `censored`'s: a redaction path starting with a wildcard would make pino run its redaction over
 * every value it writes, the request id each request's logger is made with included.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["flinks-auth-key"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SENSITIVE_FIELDS,
];

/** How deep into a logged object `censored` looks: deeper than anything the app logs. */
const CENSORED_DEPTH = 8;

/**
 * A copy of `value` whose own properties can each take another value: a plain object's, enumerable ones; an
 * error's, all of them (its message and stack too), on its own prototype, so that its serializer still reads it.
 */
function copyOf(value: object): Record<string, unknown> {
  if (!(value instanceof Error)) return { ...value };
  const descriptors = Object.getOwnPropertyDescriptors(value);
  for (const descriptor of Object.values(descriptors)) descriptor.configurable = true;
  return Object.create(Object.getPrototypeOf(value), descriptors);
}

/**
 * `value` with every sensitive field censored, at any depth, inside plain objects, arrays and errors (what the
 * app logs): a copy where something was censored, `value` itself where nothing was. Anything else (a request,
 * a socket) is left to its serializer.
 */
function censored(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > CENSORED_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item, index) => {
      const next = censored(item, depth + 1);
      if (next === item) return;
      copy ??= [...value];
      copy[index] = next;
    });
    return copy ?? value;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null && !(value instanceof Error)) return value;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    const next = SENSITIVE.has(key) && field !== undefined ? CENSOR : censored(field, depth + 1);
    if (next === field) continue;
    copy ??= copyOf(value);
    // Defined rather than assigned: a frozen field, or one behind a getter, takes its censored value too.
    Object.defineProperty(copy, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return copy ?? value;
}

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
    redact: { paths: REDACTED_PATHS, censor: CENSOR },
    formatters: { log: (object) => censored(object) as Record<string, unknown> },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: urlWithoutQueryValues(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}
