import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions as chromium } from './support/chromium.ts';
import {
  APP_PORT,
  APP_URL,
  CLOSED_APP_PORT,
  CLOSED_APP_URL,
  OIDC,
  SANDBOX_PORT,
  SANDBOX_URL,
} from './support/env.ts';

/**
 * The built app and the built emulator, each on its own origin, started fresh for every run with a new data
 * directory, and the OpenID provider the app offers single sign-on with. A second app, with anonymous use off
 * and a data directory of its own, serves the specs of a deployment where every person has an account.
 * Workers load this file too and inherit the runner's environment: one directory per run.
 */
const root = join(import.meta.dirname, '..');
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'passbook-e2e-'));
process.env.E2E_CLOSED_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'passbook-e2e-closed-'));
const dataDir = process.env.E2E_DATA_DIR;

const appEnv = {
  DATA_DIR: dataDir,
  FLINKS_API_URL: SANDBOX_URL,
  FLINKS_CONNECT_URL: `${SANDBOX_URL}/v2/`,
  FLINKS_POLL_INTERVAL_MS: '500',
  OIDC_ISSUER: OIDC.issuer,
  OIDC_CLIENT_ID: OIDC.clientId,
  OIDC_CLIENT_SECRET: OIDC.clientSecret,
  OIDC_NAME: OIDC.name,
  // The app and its settings are one per run, not per project: E2E_FLINKS_ENRICH=true runs the whole run (or
  // one spec) with Flinks' categorisation on.
  FLINKS_ENRICH: process.env.E2E_FLINKS_ENRICH === 'true' ? 'true' : 'false',
  LOG_LEVEL: 'warn',
};

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
    launchOptions: chromium,
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'] }, testIgnore: /phone/ },
    // A small phone: 375 CSS pixels wide, touch, mobile viewport.
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], viewport: { width: 375, height: 812 } },
      testMatch: /phone/,
    },
  ],
  webServer: [
    {
      command: `node ${join(root, 'packages/flinks-sandbox/dist/main.mjs')}`,
      url: `${SANDBOX_URL}/__sandbox/health`,
      env: { SANDBOX_PORT: String(SANDBOX_PORT), SANDBOX_PROCESSING_MS: '1500' },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node ${join(import.meta.dirname, 'support/oidc-provider.ts')}`,
      url: `${OIDC.issuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      stdout: 'ignore',
      // The development pages and keys are what a test provider is for; their warnings say nothing new.
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
