/**
 * Browser-facing defences: security headers (a strict CSP on pages; on data, a CSP that allows nothing), and a
 * CSRF check on every state-changing request. The session cookie is SameSite=Lax already; the Origin check is
 * the second lock.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { routes } from '@passbook/contracts/routes';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE } from './identity.ts';
import { API_DOCS_PATH, isApi } from './web.ts';

/** What a cross-site page can make a browser send without changing anything. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Routes (by the route the router reached, never the URL as spelled) authenticated by their HMAC signature and
 * called by Flinks' servers, which send no Origin.
 */
export const CSRF_EXEMPT = new Set<string>([routes.flinksWebhook.path]);

/** The origin a browser says the request comes from: `Origin`, else `Referer`'s origin; null when neither. */
function claimedOrigin(request: FastifyRequest): string | null {
  const { origin, referer } = request.headers;
  if (origin !== undefined) return origin;
  if (referer === undefined) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return 'invalid';
  }
}

/** The CSP of every page: nothing inline, nothing from elsewhere but the Connect frame. */
export function cspDirectives(config: Config): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    // 'self': inside the frame, Connect finally navigates to our own landing page (redirectUrl).
    frameSrc: ["'self'", config.flinks.connectOrigin],
    frameAncestors: ["'self'"],
    formAction: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    ...(config.https ? { upgradeInsecureRequests: [] } : {}),
  };
}

/** `{defaultSrc: ["'self'"]}` → `default-src 'self'`. */
export function cspHeader(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) =>
      [name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`), ...values].join(' '),
    )
    .join(';');
}

/**
 * The headers helmet sets with these options, worked out once: none of ours depends on the request (no nonce),
 * so each response gets the same list instead of helmet parsing its directives again on every request.
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers = new Map<string, string>();
  const response = {
    setHeader(name: string, value: string | number) {
      headers.set(name.toLowerCase(), String(value));
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let done = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('helmet did not set its headers synchronously');
  return Object.fromEntries(headers);
}

const forbiddenOrigin = () =>
  new AppError(403, 'FORBIDDEN_ORIGIN', 'This request must come from the Passbook page itself.');

/**
 * Whether the request is answered with data (JSON, a file to download, an event stream) rather than a page:
 * every API route but the documentation's pages, by the route the router reached; where it reached none, by
 * the address (what is not found under /api is told in JSON, anywhere else the web app answers).
 */
export function answersData(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  // The catch-all: the web app's files and pages, or what is not found.
  if (route === undefined || route === '/*') return isApi(request.url);
  return isApi(route) && !route.startsWith(API_DOCS_PATH);
}

export const securityPlugin = fp(
  async (app) => {
    const { config } = app;
    const hsts = config.https ? { maxAge: 31_536_000, includeSubDomains: true } : false;
    const pageHeaders = helmetHeaders({
      contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config) },
      hsts,
      referrerPolicy: { policy: 'no-referrer' },
    });
    // Data is never rendered as a page: it may load nothing and be framed by nobody, and the headers that only
    // govern a page (its opener, its agent cluster, DNS prefetching, the XSS auditor, IE's download prompt,
    // Flash's cross-domain policy) are left off, as OWASP's REST guidance has it.
    const dataHeaders = helmetHeaders({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      hsts,
      referrerPolicy: { policy: 'no-referrer' },
      frameguard: { action: 'deny' },
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    });
    // Among the reply's own headers, which stay on every answer Fastify sends, errors included, and which an
    // event stream carries over: Node then writes them with the rest in one pass, where each one set on the raw
    // response costs a validated call of its own (bench:links measures the difference). The origin check below
    // rides in the same hook, synchronously, so a request pays one hook for both.
    app.addHook('onRequest', (request, reply, next) => {
      reply.headers(answersData(request) ? dataHeaders : pageHeaders);
      next(sameOrigin(request) ? undefined : forbiddenOrigin());
    });

    /*
     * Browsers send Origin on every cross-origin POST/PUT/PATCH/DELETE, so a request that names another origin
     * (or `null`) is refused. One that names none at all did not come from a cross-site page in a modern
     * browser; it is let through only when it carries no session cookie (a script starting fresh), so that a
     * session can never be driven without proof of where the request comes from. Every method but the safe
     * ones is checked, whatever the URL: the router decodes and normalises it, so a test of its spelling
     * (`/%61pi/…`) would check something other than what runs.
     */
    function sameOrigin(request: FastifyRequest): boolean {
      if (SAFE_METHODS.has(request.method)) return true;
      const route = request.routeOptions.url;
      if (route !== undefined && CSRF_EXEMPT.has(route)) return true;
      const origin = claimedOrigin(request);
      return origin === null ? request.cookies[SESSION_COOKIE] === undefined : origin === config.publicOrigin;
    }
  },
  { name: 'security', dependencies: ['config', 'identity'] },
);
