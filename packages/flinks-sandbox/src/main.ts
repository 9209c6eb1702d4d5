/**
 * Runs the emulator standalone: `pnpm sandbox`, or `node dist/main.mjs` once built. Settings come from the
 * environment (see README); a bad value stops it at start with a message naming the variable.
 */
import { createSandbox } from './index.ts';
import type { SandboxOptions } from './settings.ts';

function readNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

function readText(name: string): string | undefined {
  const raw = process.env[name]?.trim();
  return raw ? raw : undefined;
}

function optionsFromEnvironment(): SandboxOptions {
  const webhookUrl = readText('SANDBOX_WEBHOOK_URL');
  const webhookSecret = readText('SANDBOX_WEBHOOK_SECRET') ?? readText('FLINKS_WEBHOOK_SECRET');
  if (webhookUrl && !webhookSecret) {
    console.error(
      'SANDBOX_WEBHOOK_URL needs SANDBOX_WEBHOOK_SECRET (or FLINKS_WEBHOOK_SECRET) to sign deliveries',
    );
    process.exit(2);
  }
  const entries: Array<[keyof SandboxOptions, unknown]> = [
    ['port', readNumber('SANDBOX_PORT') ?? 3001],
    ['host', readText('SANDBOX_HOST') ?? 'localhost'],
    ['customerId', readText('FLINKS_CUSTOMER_ID')],
    ['secretKey', readText('FLINKS_SECRET_KEY')],
    ['apiKey', readText('FLINKS_API_KEY')],
    ['processingMs', readNumber('SANDBOX_PROCESSING_MS')],
    ['holdMs', readNumber('SANDBOX_HOLD_MS')],
    ['tokenTtlMs', readNumber('SANDBOX_TOKEN_TTL_MS')],
    ['sessionIdleTtlMs', readNumber('SANDBOX_SESSION_IDLE_TTL_MS')],
    ['sessionProcessingTtlMs', readNumber('SANDBOX_SESSION_PROCESSING_TTL_MS')],
    [
      'webhook',
      webhookUrl && webhookSecret
        ? {
            url: webhookUrl,
            secret: webhookSecret,
            ...(readNumber('SANDBOX_WEBHOOK_MAX_ATTEMPTS') !== undefined
              ? { maxAttempts: readNumber('SANDBOX_WEBHOOK_MAX_ATTEMPTS') }
              : {}),
            ...(readNumber('SANDBOX_WEBHOOK_RETRY_DELAY_MS') !== undefined
              ? { retryDelayMs: readNumber('SANDBOX_WEBHOOK_RETRY_DELAY_MS') }
              : {}),
          }
        : undefined,
    ],
    ['loginFile', readText('SANDBOX_LOGIN_FILE')],
    ['legacyAuth', process.env.SANDBOX_LEGACY_AUTH === 'true' || process.env.SANDBOX_LEGACY_AUTH === '1'],
    ['logger', process.env.SANDBOX_LOG === '1' || process.env.SANDBOX_LOG === 'true'],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as SandboxOptions;
}

const sandbox = await createSandbox(optionsFromEnvironment()).catch((error: unknown) => {
  console.error(`Flinks emulator could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

console.log(
  `Flinks emulator listening on ${sandbox.url} (Connect: ${sandbox.connectUrl}, control: ${sandbox.url}/__sandbox/)`,
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Flinks emulator did not close cleanly: ${String(error)}`);
        process.exit(1);
      },
    );
  });
}
