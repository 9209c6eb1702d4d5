import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { resolveSecrets } from '../src/secrets.ts';

describe('embedded secrets', () => {
  it('generates both keys into DATA_DIR, readable by the owner only, and reuses them on the next start', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'passbook-secrets-')), 'data');
    const first = await resolveSecrets(loadConfig({ DATA_DIR: dataDir }));
    for (const name of ['session-secret', 'encryption-key']) {
      expect(statSync(join(dataDir, name)).mode & 0o777).toBe(0o600);
    }
    expect(readFileSync(join(dataDir, 'encryption-key'), 'utf8').trim()).toBe(first.encryptionKey);
    const second = await resolveSecrets(loadConfig({ DATA_DIR: dataDir }));
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.encryptionKey).toBe(first.encryptionKey);
    expect(first.sessionSecret).not.toBe(first.encryptionKey);
  });

  it('uses the keys given in the environment, writing nothing', async () => {
    const config = loadConfig({
      DATA_DIR: '/nonexistent/never-created',
      SESSION_SECRET: 's'.repeat(40),
      ENCRYPTION_KEY: 'a'.repeat(64),
    });
    expect(await resolveSecrets(config)).toMatchObject({
      sessionSecret: 's'.repeat(40),
      encryptionKey: 'a'.repeat(64),
    });
  });

  it('says which setting to give when DATA_DIR cannot hold them', async () => {
    const blocked = join(mkdtempSync(join(tmpdir(), 'passbook-secrets-')), 'file');
    await import('node:fs/promises').then((fs) => fs.writeFile(blocked, ''));
    await expect(resolveSecrets(loadConfig({ DATA_DIR: join(blocked, 'data') }))).rejects.toThrow(
      ConfigError,
    );
    await expect(resolveSecrets(loadConfig({ DATA_DIR: join(blocked, 'data') }))).rejects.toThrow(/DATA_DIR/);
  });
});
