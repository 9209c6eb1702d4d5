/**
 * The app wired to a real emulator over HTTP: what integration tests drive. One emulator per test file (its
 * state is reset between tests), apps built on the file's shared database.
 */
import type { AddressInfo } from 'node:net';
import { createFlinksClient, type FlinksClient } from '@passbook/flinks';
import { createSandbox, type Sandbox, type SandboxOptions } from '@passbook/flinks-sandbox';
import type { FastifyInstance } from 'fastify';
import { type AppOverrides, buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import type { Browser } from './browser.ts';
import { testConfig } from './config.ts';

export const TERMINAL = ['succeeded', 'failed'];

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return createSandbox({ processingMs: 150, ...options });
}

/** The environment that points an app at this emulator. */
export function sandboxEnv(sandbox: Sandbox): Record<string, string> {
  return { FLINKS_API_URL: sandbox.url, FLINKS_CONNECT_URL: sandbox.connectUrl };
}

export async function appOn(
  sandbox: Sandbox,
  database: Database,
  env: Record<string, string> = {},
  overrides: AppOverrides = {},
): Promise<FastifyInstance> {
  const app = await buildApp(testConfig({ ...sandboxEnv(sandbox), ...env }), { database, ...overrides });
  await app.ready();
  return app;
}

/** Listens on a free port and returns the app's origin. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** A client of the emulator for what a test does in the user's place (answering security questions). */
export function clientFor(sandbox: Sandbox): FlinksClient {
  return createFlinksClient({
    apiUrl: sandbox.url,
    customerId: sandbox.customerId,
    secretKey: sandbox.secretKey,
    apiKey: sandbox.apiKey,
    pollIntervalMs: 50,
  });
}

/** Polls `check` until it returns a value (not undefined), failing after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface JobView {
  id: string;
  state: string;
  stage: string;
  storingTransactions: number | null;
  attempts: number;
  connectUrl: string | null;
  newTransactions: number | null;
  error: { code: string; message: string } | null;
}

/** Waits until the job is in one of `states` (by default: finished) and returns it. */
export function waitForJob(
  user: Browser,
  jobId: string,
  states: string[] = TERMINAL,
  timeoutMs?: number,
): Promise<JobView> {
  return eventually(
    async () => {
      const job = (await user.get(`/api/jobs/${jobId}`)).json().job as JobView;
      return states.includes(job.state) ? job : undefined;
    },
    `job ${jobId} to be ${states.join(' or ')}`,
    timeoutMs,
  );
}

/** The job's row as the runner sees it. */
export async function jobRow(database: Database, jobId: string) {
  const { rows } = await database.query<{
    state: string;
    request_id: string | null;
    detail_requested: boolean;
    lease_owner: string | null;
    reauthorizations: number;
    attempts: number;
    storing_transactions: number | null;
  }>('SELECT * FROM jobs WHERE id = $1', [jobId]);
  const row = rows[0];
  if (!row) throw new Error(`no job ${jobId}`);
  return row;
}
