import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, TOOLBOX_CREDENTIALS } from '../src/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/passbook');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs with no settings at all on the embedded defaults', () => {
    const config = loadConfig({}, '/srv/passbook');
    expect(config).toMatchObject({
      port: 3000,
      host: 'localhost',
      publicUrl: 'http://localhost:3000',
      publicOrigin: 'http://localhost:3000',
      https: false,
      dataDir: '/srv/passbook/data',
      databaseUrl: null,
      sessionSecret: null,
      encryptionKey: null,
      logLevel: 'info',
      flinks: {
        apiUrl: 'http://localhost:3001',
        connectUrl: 'http://localhost:3001/v2/',
        connectOrigin: 'http://localhost:3001',
        ...TOOLBOX_CREDENTIALS,
        webhookSecret: null,
        pollIntervalMs: 1000,
        pollTimeoutMs: 1_800_000,
        requestTimeoutMs: 240_000,
        connectDemo: true,
        enrich: false,
        embedded: true,
      },
    });
  });

  it('turns Flinks Enrich on with FLINKS_ENRICH and refuses a value that is not a boolean', () => {
    expect(loadConfig({ FLINKS_ENRICH: 'true' }).flinks.enrich).toBe(true);
    expect(loadConfig({ FLINKS_ENRICH: '0' }).flinks.enrich).toBe(false);
    expect(() => loadConfig({ FLINKS_ENRICH: 'yes' })).toThrow(/FLINKS_ENRICH: must be true or false/);
  });

  it('follows PORT and SANDBOX_PORT into the derived URLs', () => {
    const config = loadConfig({
      PORT: '4100',
      SANDBOX_PORT: '4101',
      PUBLIC_URL: 'https://passbook.example/',
    });
    expect(config.publicUrl).toBe('https://passbook.example');
    expect(config.https).toBe(true);
    expect(config.flinks.apiUrl).toBe('http://localhost:4101');
    expect(loadConfig({ PORT: '4100' }).publicUrl).toBe('http://localhost:4100');
  });

  it('polls at Flinks’ pace against a real instance and hides the demo bank in production', () => {
    const toolbox = loadConfig({
      FLINKS_API_URL: 'https://toolbox-api.private.fin.ag',
      FLINKS_CONNECT_URL: 'https://toolbox-iframe.private.fin.ag/v2/',
    });
    expect(toolbox.flinks).toMatchObject({ pollIntervalMs: 10_000, connectDemo: true, embedded: false });
    const production = loadConfig({
      FLINKS_API_URL: 'https://acme-api.private.fin.ag',
      FLINKS_CONNECT_URL: 'https://acme-iframe.private.fin.ag/v2/',
    });
    expect(production.flinks.connectDemo).toBe(false);
    const emulatorInAnotherContainer = loadConfig({
      FLINKS_API_URL: 'http://sandbox:3001',
      FLINKS_CONNECT_URL: 'http://localhost:3001/v2/',
    });
    expect(emulatorInAnotherContainer.flinks.connectDemo).toBe(true);
    expect(production.flinks.connectOrigin).toBe('https://acme-iframe.private.fin.ag');
  });

  it('names every bad variable', () => {
    expect(
      problemsOf({ PORT: 'eighty', PUBLIC_URL: 'ftp://x', LOG_LEVEL: 'loud', FLINKS_POLL_INTERVAL_MS: '0' }),
    ).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^PUBLIC_URL: must be an http\(s\) URL/),
      expect.stringMatching(/^FLINKS_POLL_INTERVAL_MS: /),
      expect.stringMatching(/^LOG_LEVEL: /),
    ]);
    expect(problemsOf({ ENCRYPTION_KEY: 'short' })).toEqual([
      expect.stringMatching(/^ENCRYPTION_KEY: must be 32 bytes/),
    ]);
  });

  it('requires the Connect URL of a real instance, and explicit keys with PostgreSQL', () => {
    expect(problemsOf({ FLINKS_API_URL: 'https://toolbox-api.private.fin.ag' })).toEqual([
      expect.stringMatching(/^FLINKS_CONNECT_URL: required/),
    ]);
    expect(problemsOf({ DATABASE_URL: 'postgres://u:p@db/passbook' })).toEqual([
      expect.stringMatching(/^SESSION_SECRET: required/),
      expect.stringMatching(/^ENCRYPTION_KEY: required/),
    ]);
    expect(problemsOf({ DATABASE_URL: 'mysql://db/passbook' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: must be a postgres:\/\/ URL/),
    ]);
  });

  it('bounds one exchange with Flinks by FLINKS_REQUEST_TIMEOUT_MS, above Flinks’ 210 s hold by default', () => {
    expect(loadConfig({}).flinks.requestTimeoutMs).toBeGreaterThan(210_000);
    expect(loadConfig({ FLINKS_REQUEST_TIMEOUT_MS: '1500' }).flinks.requestTimeoutMs).toBe(1500);
    expect(problemsOf({ FLINKS_REQUEST_TIMEOUT_MS: '10' })).toEqual([
      expect.stringMatching(/^FLINKS_REQUEST_TIMEOUT_MS: /),
    ]);
  });

  it('syncs each link daily by default, never with SYNC_INTERVAL_MS=0, and refuses a sub-minute interval', () => {
    expect(loadConfig({}).jobs.syncIntervalMs).toBe(86_400_000);
    expect(loadConfig({ SYNC_INTERVAL_MS: '0' }).jobs.syncIntervalMs).toBe(0);
    expect(loadConfig({ SYNC_INTERVAL_MS: '3600000' }).jobs.syncIntervalMs).toBe(3_600_000);
    expect(problemsOf({ SYNC_INTERVAL_MS: '500' })).toEqual([
      expect.stringMatching(/^SYNC_INTERVAL_MS: must be 0 \(off\)/),
    ]);
  });

  it('reads an encryption key as hex or base64', () => {
    const hex = 'f'.repeat(64);
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ENCRYPTION_KEY: hex }).encryptionKey).toBe(hex);
    expect(loadConfig({ ENCRYPTION_KEY: base64 }).encryptionKey).toBe(base64);
  });

  it('offers single sign-on only with issuer, client id and secret together, over https but on localhost', () => {
    expect(loadConfig({}).oidc).toBeNull();
    const sso = { OIDC_CLIENT_ID: 'passbook', OIDC_CLIENT_SECRET: 'secret' };
    expect(loadConfig({ ...sso, OIDC_ISSUER: 'https://id.example.com/realms/a' }).oidc).toEqual({
      issuer: 'https://id.example.com/realms/a',
      clientId: 'passbook',
      clientSecret: 'secret',
      name: 'id.example.com',
    });
    expect(loadConfig({ ...sso, OIDC_ISSUER: 'http://localhost:4102', OIDC_NAME: 'Acme' }).oidc?.name).toBe(
      'Acme',
    );
    expect(problemsOf({ OIDC_ISSUER: 'https://id.example.com' })).toEqual([
      expect.stringMatching(/single sign-on needs all three/),
    ]);
    expect(problemsOf({ ...sso, OIDC_ISSUER: 'http://id.example.com' })).toEqual([
      expect.stringMatching(/^OIDC_ISSUER: must be https/),
    ]);
  });
});
