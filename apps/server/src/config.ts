/**
 * The server's settings, read once from the environment and validated. A bad value stops the start with a
 * message naming the variable; `.env.example` at the repository root documents each one.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

/** The public toolbox credentials Flinks publishes for testing (FLINKS.md §1); the emulator accepts them too. */
export const TOOLBOX_CREDENTIALS = {
  customerId: '43387ca6-0391-4c82-857d-70d95f087ecb',
  secretKey: 'c4569c54-e167-4d34-8de6-f4113bc82414',
  apiKey: '3d5266a8-b697-48d4-8de6-52e2e2662acc',
} as const;

export interface FlinksSettings {
  /** Instance base, e.g. https://toolbox-api.private.fin.ag or the emulator's origin. */
  apiUrl: string;
  /** Connect page, e.g. https://toolbox-iframe.private.fin.ag/v2/ */
  connectUrl: string;
  connectOrigin: string;
  customerId: string;
  secretKey: string;
  apiKey: string;
  /** Null: the webhook receiver is off (404). */
  webhookSecret: string | null;
  /** A delivered result no job has taken within this time is discarded. */
  webhookRetentionMs: number;
  pollIntervalMs: number;
  pollTimeoutMs: number;
  /** One HTTP exchange with Flinks; Flinks may hold a data call for 210 s before it answers. */
  requestTimeoutMs: number;
  /** Connect's `demo=true`: shows the test institution. */
  connectDemo: boolean;
  /**
   * The instance offers Enrich: after each retrieval, transactions take Flinks' Broad Categorization
   * (GetCategorization) where it maps onto Passbook's categories; Passbook's rules do the rest.
   */
  enrich: boolean;
  /** True when no FLINKS_API_URL was given and the app talks to the emulator beside it. */
  embedded: boolean;
}

export interface JobSettings {
  /** Most jobs one process runs at once (each waiting job costs a timer, not a thread). */
  concurrency: number;
  /** Most answers of a year of accounts one process holds decoded at once, waiting to be stored. */
  answersInHand: number;
  /** A claimed job belongs to this process until this long after its last renewal. */
  leaseMs: number;
  /** How often a process looks for claimable jobs created by other processes or released by them. */
  claimIntervalMs: number;
  /** A refresh waiting for security answers fails with MFA_EXPIRED after this long. */
  mfaTimeoutMs: number;
  /** Each link is synced (cached Authorize + retrieval) this often; 0: never on its own. */
  syncIntervalMs: number;
}

export interface VapidKeys {
  /** Uncompressed P-256 public key, base64url (what browsers take as `applicationServerKey`). */
  publicKey: string;
  privateKey: string;
}

export interface PushSettings {
  /** Null until resolved: generated into DATA_DIR on an embedded start; with DATABASE_URL, push is off unless set. */
  vapidKeys: VapidKeys | null;
  /** The contact push services see in each VAPID claim (`mailto:` or an https URL). */
  subject: string;
}

export interface SessionSettings {
  /** A session unused for this long is over. */
  idleMs: number;
  /** A session is over this long after it began, however much it is used. */
  absoluteMs: number;
}

/** Single sign-on with an OpenID Connect provider (authorization code + PKCE). */
export interface OidcSettings {
  /** The issuer identifier; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the button says: "Sign in with <name>". */
  name: string;
}

export interface Config {
  port: number;
  host: string;
  /** Without a trailing slash. */
  publicUrl: string;
  publicOrigin: string;
  /** Cookies carry `Secure` and HSTS is sent when the public URL is https. */
  https: boolean;
  trustProxy: boolean;
  dataDir: string;
  databaseUrl: string | null;
  /** Null until resolved: generated into DATA_DIR on first embedded start (see secrets.ts). */
  sessionSecret: string | null;
  encryptionKey: string | null;
  flinks: FlinksSettings;
  jobs: JobSettings;
  rateLimit: { max: number; windowMs: number };
  sessions: SessionSettings;
  push: PushSettings;
  /** False: a stranger gets nothing but the sign-in page; every person has an account. */
  anonymousUse: boolean;
  /** Null: no single sign-on, passkeys only. */
  oidc: OidcSettings | null;
  /** The web app's build; null → look for apps/web/dist in the workspace. */
  webDistDir: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** A Config whose secrets are known: what the app is built with. */
export type ResolvedConfig = Config & { sessionSecret: string; encryptionKey: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DAY_MS = 24 * 3_600_000;
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const int = (min: number, max: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).max(max).optional());
const httpUrl = z.preprocess(
  emptyAsUndefined,
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
);
const boolean = z.preprocess(
  emptyAsUndefined,
  z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .transform((value) => value === 'true' || value === '1')
    .optional(),
);

const Env = z.object({
  PORT: int(0, 65_535),
  HOST: optionalString,
  PUBLIC_URL: httpUrl,
  TRUST_PROXY: boolean,
  DATA_DIR: optionalString,
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  ),
  SESSION_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  ENCRYPTION_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((value) => decodeKey(value) !== null, 'must be 32 bytes as 64 hex characters or base64')
      .optional(),
  ),
  FLINKS_API_URL: httpUrl,
  FLINKS_CONNECT_URL: httpUrl,
  FLINKS_CUSTOMER_ID: optionalString,
  FLINKS_SECRET_KEY: optionalString,
  FLINKS_API_KEY: optionalString,
  FLINKS_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  FLINKS_WEBHOOK_RETENTION_MS: int(1_000, 24 * 3_600_000),
  FLINKS_POLL_INTERVAL_MS: int(10, 600_000),
  FLINKS_POLL_TIMEOUT_MS: int(1_000, 24 * 3_600_000),
  FLINKS_REQUEST_TIMEOUT_MS: int(1_000, 3_600_000),
  FLINKS_CONNECT_DEMO: boolean,
  FLINKS_ENRICH: boolean,
  SANDBOX_PORT: int(1, 65_535),
  JOB_CONCURRENCY: int(1, 100_000),
  JOB_ANSWERS_IN_HAND: int(1, 10_000),
  JOB_LEASE_MS: int(1_000, 3_600_000),
  JOB_CLAIM_INTERVAL_MS: int(10, 600_000),
  MFA_TIMEOUT_MS: int(1_000, 24 * 3_600_000),
  SYNC_INTERVAL_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int()
      .refine((ms) => ms === 0 || (ms >= 60_000 && ms <= 30 * 24 * 3_600_000), {
        error: 'must be 0 (off) or between 60000 (a minute) and 2592000000 (30 days)',
      })
      .optional(),
  ),
  RATE_LIMIT_MAX: int(1, 1_000_000),
  RATE_LIMIT_WINDOW_MS: int(1_000, 24 * 3_600_000),
  SESSION_IDLE_MS: int(60_000, 400 * 24 * 3_600_000),
  SESSION_ABSOLUTE_MS: int(60_000, 400 * 24 * 3_600_000),
  ANONYMOUS_USE: boolean,
  OIDC_ISSUER: httpUrl,
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_NAME: z.preprocess(emptyAsUndefined, z.string().trim().min(1).max(40).optional()),
  VAPID_PUBLIC_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{87}$/, 'must be an uncompressed P-256 public key in base64url (87 characters)')
      .optional(),
  ),
  VAPID_PRIVATE_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a P-256 private key in base64url (43 characters)')
      .optional(),
  ),
  VAPID_SUBJECT: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^(mailto:.+|https:\/\/.+)$/, 'must be a mailto: address or an https URL')
      .optional(),
  ),
  WEB_DIST_DIR: optionalString,
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
});

/** Every environment variable the server reads (deployment files must set no other). */
export const SETTING_NAMES: readonly string[] = Object.keys(Env.shape);

/** 32 bytes from 64 hex characters or from base64/base64url; null when the text is neither. */
export function decodeKey(text: string): Buffer | null {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const bytes = Buffer.from(text, 'base64');
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function isLocalHost(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** Local hosts and the public toolbox show Connect's test institution by default; production does not. */
function isSandboxHost(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '::1' || host.startsWith('toolbox-');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];

  const port = e.PORT ?? 3000;
  const publicUrl = withoutTrailingSlash(e.PUBLIC_URL ?? `http://localhost:${port}`);
  const sandboxPort = e.SANDBOX_PORT ?? 3001;
  const embedded = e.FLINKS_API_URL === undefined;
  const apiUrl = withoutTrailingSlash(e.FLINKS_API_URL ?? `http://localhost:${sandboxPort}`);
  const connectUrl = e.FLINKS_CONNECT_URL ?? `http://localhost:${sandboxPort}/v2/`;

  if (!embedded && e.FLINKS_CONNECT_URL === undefined) {
    problems.push(
      'FLINKS_CONNECT_URL: required when FLINKS_API_URL is set (the Connect page of that instance)',
    );
  }
  if (e.DATABASE_URL !== undefined) {
    // Instances sharing a database must share these keys, and a key kept in one container's data directory
    // would make every stored LoginId unreadable the day that directory is lost.
    if (e.SESSION_SECRET === undefined) problems.push('SESSION_SECRET: required when DATABASE_URL is set');
    if (e.ENCRYPTION_KEY === undefined) problems.push('ENCRYPTION_KEY: required when DATABASE_URL is set');
  }
  const oidcSet = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(
    (value) => value !== undefined,
  );
  if (oidcSet.length > 0 && oidcSet.length < 3) {
    problems.push('OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: single sign-on needs all three, or none');
  }
  if (e.OIDC_ISSUER?.startsWith('http:') && !isLocalHost(e.OIDC_ISSUER)) {
    problems.push('OIDC_ISSUER: must be https (plain http is accepted for localhost only)');
  }
  if ((e.VAPID_PUBLIC_KEY === undefined) !== (e.VAPID_PRIVATE_KEY === undefined)) {
    problems.push('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: set both or neither');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const oidc =
    e.OIDC_ISSUER !== undefined && e.OIDC_CLIENT_ID !== undefined && e.OIDC_CLIENT_SECRET !== undefined
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID,
          clientSecret: e.OIDC_CLIENT_SECRET,
          // Discovery documents carry no display name; the issuer's host is what a person recognises.
          name: e.OIDC_NAME ?? new URL(e.OIDC_ISSUER).hostname,
        }
      : null;

  return {
    port,
    host: e.HOST ?? 'localhost',
    publicUrl,
    publicOrigin: new URL(publicUrl).origin,
    https: publicUrl.startsWith('https:'),
    trustProxy: e.TRUST_PROXY ?? false,
    dataDir: resolve(cwd, e.DATA_DIR ?? './data'),
    databaseUrl: e.DATABASE_URL ?? null,
    sessionSecret: e.SESSION_SECRET ?? null,
    encryptionKey: e.ENCRYPTION_KEY ?? null,
    flinks: {
      apiUrl,
      connectUrl,
      connectOrigin: new URL(connectUrl).origin,
      customerId: e.FLINKS_CUSTOMER_ID ?? TOOLBOX_CREDENTIALS.customerId,
      secretKey: e.FLINKS_SECRET_KEY ?? TOOLBOX_CREDENTIALS.secretKey,
      apiKey: e.FLINKS_API_KEY ?? TOOLBOX_CREDENTIALS.apiKey,
      webhookSecret: e.FLINKS_WEBHOOK_SECRET ?? null,
      webhookRetentionMs: e.FLINKS_WEBHOOK_RETENTION_MS ?? 10 * 60_000,
      pollIntervalMs: e.FLINKS_POLL_INTERVAL_MS ?? (embedded ? 1_000 : 10_000),
      pollTimeoutMs: e.FLINKS_POLL_TIMEOUT_MS ?? 30 * 60_000,
      requestTimeoutMs: e.FLINKS_REQUEST_TIMEOUT_MS ?? 240_000,
      // An emulator in another container has a service name for a host, but its Connect page is local.
      connectDemo: e.FLINKS_CONNECT_DEMO ?? (isSandboxHost(apiUrl) || isSandboxHost(connectUrl)),
      enrich: e.FLINKS_ENRICH ?? false,
      embedded,
    },
    jobs: {
      concurrency: e.JOB_CONCURRENCY ?? 1_000,
      answersInHand: e.JOB_ANSWERS_IN_HAND ?? 32,
      leaseMs: e.JOB_LEASE_MS ?? 30_000,
      claimIntervalMs: e.JOB_CLAIM_INTERVAL_MS ?? 1_000,
      mfaTimeoutMs: e.MFA_TIMEOUT_MS ?? 30 * 60_000,
      syncIntervalMs: e.SYNC_INTERVAL_MS ?? 24 * 3_600_000,
    },
    rateLimit: { max: e.RATE_LIMIT_MAX ?? 30, windowMs: e.RATE_LIMIT_WINDOW_MS ?? 60_000 },
    sessions: {
      idleMs: e.SESSION_IDLE_MS ?? 90 * DAY_MS,
      // Browsers cap a cookie's lifetime at 400 days.
      absoluteMs: e.SESSION_ABSOLUTE_MS ?? 400 * DAY_MS,
    },
    push: {
      vapidKeys:
        e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
          ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY }
          : null,
      subject: e.VAPID_SUBJECT ?? (publicUrl.startsWith('https:') ? publicUrl : 'mailto:passbook@localhost'),
    },
    anonymousUse: e.ANONYMOUS_USE ?? true,
    oidc,
    webDistDir: e.WEB_DIST_DIR === undefined ? null : resolve(cwd, e.WEB_DIST_DIR),
    logLevel: e.LOG_LEVEL ?? 'info',
  };
}
