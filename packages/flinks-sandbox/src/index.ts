/**
 * @passbook/flinks-sandbox: an offline emulator of the Flinks toolbox (API and Connect page), for development
 * and tests. `createSandbox()` starts one on a free port; `buildSandboxApp()` gives the Fastify app unstarted.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildSandboxApp } from './app.ts';
import { SandboxControl } from './control/client.ts';
import { resolveOptions, type SandboxOptions } from './settings.ts';

export { buildSandboxApp } from './app.ts';
export type { CallFilter, SandboxCall } from './control/calls.ts';
export { type QuestionInfo, SandboxControl, type SessionInfo, type TestUserInfo } from './control/client.ts';
export type { SandboxFault, SandboxFaultKind } from './control/faults.ts';
export { TEST_USERS } from './flinks/institution.ts';
export { type RuntimeSettings, type SandboxOptions, TOOLBOX, type WebhookSettings } from './settings.ts';
export type { WebhookDelivery } from './webhooks/deliveries.ts';

export interface Sandbox {
  /** The origin, e.g. 'http://127.0.0.1:41234': the Flinks "instance base" (apiUrl). */
  url: string;
  /** `${url}/v2/`: the Connect page. */
  connectUrl: string;
  customerId: string;
  secretKey: string;
  apiKey: string;
  control: SandboxControl;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The host part of a URL that reaches a server listening on `host`. */
function reachableHost(host: string, address: AddressInfo): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === 'localhost') return 'localhost';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}

/** Starts an emulator; resolves once it listens. */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveOptions(options);
  const app = buildSandboxApp(options);
  await app.listen({ port: resolved.port, host: resolved.host });
  const address = app.server.address() as AddressInfo;
  const url = `http://${reachableHost(resolved.host, address)}:${address.port}`;
  return {
    url,
    connectUrl: `${url}/v2/`,
    customerId: resolved.customerId,
    secretKey: resolved.secretKey,
    apiKey: resolved.apiKey,
    control: new SandboxControl(url),
    app,
    close: () => app.close(),
  };
}
