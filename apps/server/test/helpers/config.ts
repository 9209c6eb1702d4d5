import { randomBytes } from 'node:crypto';
import { type Config, loadConfig, type ResolvedConfig } from '../../src/config.ts';

export const TEST_PUBLIC_URL = 'http://passbook.test';
/** One key per test process: apps built on a shared database must agree on it, as real instances must. */
export const TEST_ENCRYPTION_KEY = randomBytes(32).toString('hex');

/** The configuration of a test app: fixed keys, no logs, short intervals; `env` as the environment would. */
export function testConfig(
  env: Record<string, string> = {},
  adjust: (config: Config) => void = () => {},
): ResolvedConfig {
  const config = loadConfig(
    {
      PUBLIC_URL: TEST_PUBLIC_URL,
      LOG_LEVEL: 'silent',
      DATA_DIR: '/nonexistent/passbook-test',
      SESSION_SECRET: 'test-session-secret-with-enough-characters',
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      FLINKS_POLL_INTERVAL_MS: '50',
      JOB_CLAIM_INTERVAL_MS: '50',
      JOB_LEASE_MS: '3000',
      ...env,
    },
    '/',
  );
  adjust(config);
  return config as ResolvedConfig;
}
