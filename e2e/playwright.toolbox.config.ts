import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions as chromium } from './support/chromium.ts';
import { APP_PORT, APP_URL, CLOSED_APP_PORT, CLOSED_APP_URL, OIDC } from './support/env.ts';
import { EMULATOR_ONLY_SPECS, TOOLBOX_API_URL, TOOLBOX_CONNECT_URL } from './support/targets.ts';

/**
 * The same specs against the real Flinks toolbox: the built app only, pointed at the toolbox's API and Connect
 * page (`pnpm test:e2e:toolbox`, after `pnpm build`; needs internet). Credentials come from FLINKS_CUSTOMER_ID,
 * FLINKS_SECRET_KEY and FLINKS_API_KEY when set, else the public toolbox values the server defaults to. As
 * with the emulator, the local OpenID provider and a second app with anonymous use off run beside it.
 */
const root = join(import.meta.dirname, '..');
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'passbook-e2e-toolbox-'));
process.env.E2E_CLOSED_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'passbook-e2e-toolbox-closed-'));

const appEnv = {
  DATA_DIR: process.env.E2E_DATA_DIR,
  FLINKS_API_URL: TOOLBOX_API_URL,
  FLINKS_CONNECT_URL: TOOLBOX_CONNECT_URL,
  OIDC_ISSUER: OIDC.issuer,
  OIDC_CLIENT_ID: OIDC.clientId,
  OIDC_CLIENT_SECRET: OIDC.clientSecret,
  OIDC_NAME: OIDC.name,
  LOG_LEVEL: 'warn',
};

const emulatorOnly = EMULATOR_ONLY_SPECS.map((spec) => `**/${spec}`);

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results-toolbox',
  fullyParallel: true,
  // One session per login at the toolbox: the specs share its test users, so they run one at a time.
  workers: 1,
  forbidOnly: true,
  retries: 0,
  // Real Flinks answers in seconds, not milliseconds, and is polled every 10 s.
  timeout: 180_000,
  expect: { timeout: 60_000 },
  reporter: [['list']],
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
    launchOptions: chromium,
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'] }, testIgnore: [/phone/, ...emulatorOnly] },
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], viewport: { width: 375, height: 812 } },
      testMatch: /phone/,
      testIgnore: emulatorOnly,
    },
  ],
  webServer: [
    {
      command: `node ${join(import.meta.dirname, 'support/oidc-provider.ts')}`,
      url: `${OIDC.issuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      command: `node ${join(root, 'apps/server/dist/main.mjs')}`,
      url: `${APP_URL}/api/health`,
      env: { ...appEnv, PORT: String(APP_PORT), PUBLIC_URL: APP_URL },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node ${join(root, 'apps/server/dist/main.mjs')}`,
      url: `${CLOSED_APP_URL}/api/health`,
      env: {
        ...appEnv,
        PORT: String(CLOSED_APP_PORT),
        PUBLIC_URL: CLOSED_APP_URL,
        DATA_DIR: process.env.E2E_CLOSED_DATA_DIR,
        ANONYMOUS_USE: 'false',
      },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
