/** The emulator's options, their defaults, and the subset that can be changed while it runs. */

/** The public toolbox credentials (FLINKS.md §1): what a client configured for the toolbox sends. */
export const TOOLBOX = {
  customerId: '43387ca6-0391-4c82-857d-70d95f087ecb',
  secretKey: 'c4569c54-e167-4d34-8de6-f4113bc82414',
  apiKey: '3d5266a8-b697-48d4-8de6-52e2e2662acc',
} as const;

export interface WebhookSettings {
  url: string;
  secret: string;
  /** Deliveries tried at most this many times (Flinks: 10). */
  maxAttempts?: number;
  /** Pause between two attempts (Flinks: 30 minutes). */
  retryDelayMs?: number;
  /** A delivery not answered within this time counts as failed (default 10 s). */
  timeoutMs?: number;
}

export interface SandboxOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default '127.0.0.1'. `localhost` listens on both loopback addresses; `0.0.0.0` on every interface. */
  host?: string;
  customerId?: string;
  secretKey?: string;
  apiKey?: string;
  /** Time from the first GetAccountsDetail/Summary of a session until its data is ready (default 3000). */
  processingMs?: number;
  /** How long a synchronous GetAccountsDetail/Summary waits for the data before answering 202 (default 0;
   * Flinks holds up to 210 s). */
  holdMs?: number;
  /** Authorize token validity (default 30 minutes). */
  tokenTtlMs?: number;
  /** RequestId expiry during authorisation: inactivity (default 8 minutes). */
  sessionIdleTtlMs?: number;
  /** RequestId expiry once data processing started, counted from the latest data request (default 30 min). */
  sessionProcessingTtlMs?: number;
  webhook?: WebhookSettings | null;
  /** Fastify's request logging (default false). Identifiers in URLs are masked. */
  logger?: boolean;
  /** Entries kept in the call log; the oldest are dropped beyond it (default 100,000). */
  callLogLimit?: number;
  /** A JSON file keeping the logins (LoginIds) across restarts (default none: they live in memory only). */
  loginFile?: string;
  /**
   * Answer as integrations created before October 2024 are answered: /Authorize without an authorize token
   * and the data endpoints without an x-api-key (a wrong one is still refused). Default false: both required.
   */
  legacyAuth?: boolean;
}

/** What `SandboxControl.configure` may change at run time. */
export interface RuntimeSettings {
  processingMs: number;
  holdMs: number;
  tokenTtlMs: number;
  sessionIdleTtlMs: number;
  sessionProcessingTtlMs: number;
  webhook: WebhookSettings | null;
}

export interface ResolvedOptions extends RuntimeSettings {
  port: number;
  host: string;
  customerId: string;
  secretKey: string;
  apiKey: string;
  logger: boolean;
  callLogLimit: number;
  loginFile: string | null;
  legacyAuth: boolean;
}

const MINUTE = 60_000;

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    customerId: options.customerId ?? TOOLBOX.customerId,
    secretKey: options.secretKey ?? TOOLBOX.secretKey,
    apiKey: options.apiKey ?? TOOLBOX.apiKey,
    processingMs: options.processingMs ?? 3_000,
    holdMs: options.holdMs ?? 0,
    tokenTtlMs: options.tokenTtlMs ?? 30 * MINUTE,
    sessionIdleTtlMs: options.sessionIdleTtlMs ?? 8 * MINUTE,
    sessionProcessingTtlMs: options.sessionProcessingTtlMs ?? 30 * MINUTE,
    webhook: options.webhook ?? null,
    logger: options.logger ?? false,
    callLogLimit: options.callLogLimit ?? 100_000,
    loginFile: options.loginFile ?? null,
    legacyAuth: options.legacyAuth ?? false,
  };
  checkRuntimeSettings(resolved);
  return resolved;
}

const DURATIONS = [
  'processingMs',
  'holdMs',
  'tokenTtlMs',
  'sessionIdleTtlMs',
  'sessionProcessingTtlMs',
] as const;

/** Throws a message naming the bad setting; used for options and for `configure` alike. */
export function checkRuntimeSettings(settings: Partial<RuntimeSettings>): void {
  for (const name of DURATIONS) {
    const value = settings[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new RangeError(`${name} must be a non-negative number of milliseconds`);
    }
  }
  const webhook = settings.webhook;
  if (webhook) {
    if (typeof webhook.url !== 'string' || !/^https?:\/\//.test(webhook.url)) {
      throw new RangeError('webhook.url must be an http(s) URL');
    }
    if (typeof webhook.secret !== 'string' || webhook.secret.length === 0) {
      throw new RangeError('webhook.secret must be a non-empty string');
    }
    for (const name of ['maxAttempts', 'retryDelayMs', 'timeoutMs'] as const) {
      const value = webhook[name];
      if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
        throw new RangeError(`webhook.${name} must be a non-negative number`);
      }
    }
  }
}
