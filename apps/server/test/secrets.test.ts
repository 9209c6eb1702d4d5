import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { DataDirError } from '../src/errors.ts';
import { resolveSecrets } from '../src/secrets.ts';

/** What PGlite leaves in DATA_DIR/pglite once it has created its database. */
function createDatabaseFiles(dataDir: string) {
  mkdirSync(join(dataDir, 'pglite', 'base'), { recursive: true });
  writeFileSync(join(dataDir, 'pglite', 'PG_VERSION'), '18\n');
}

describe('embedded secrets', () => {
  it('generates both keys into DATA_DIR, readable by the owner only, and reuses them on the next start', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'passbook-secrets-')), 'data');
    const first = await resolveSecrets(loadConfig({ DATA_DIR: dataDir }));
    for (const name of ['session-secret', 'encryption-key']) {
      expect(statSync(join(dataDir, name)).mode & 0o777).toBe(0o600);
    }
    expect(readFileSync(join(dataDir, 'encryption-key'), 'utf8').trim()).toBe(first.encryptionKey);
    createDatabaseFiles(dataDir);
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

describe('a data directory whose database and keys disagree', () => {
  async function startedOnce(): Promise<string> {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'passbook-datadir-')), 'data');
    await resolveSecrets(loadConfig({ DATA_DIR: dataDir }));
    createDatabaseFiles(dataDir);
    return dataDir;
  }

  async function refusal(dataDir: string, env: Record<string, string> = {}): Promise<DataDirError> {
    const error = await resolveSecrets(loadConfig({ DATA_DIR: dataDir, ...env })).catch((caught) => caught);
    expect(error).toBeInstanceOf(DataDirError);
    return error as DataDirError;
  }

  it('refuses to start an empty database beside the keys of one that is gone: deleted or emptied', async () => {
    const deleted = await startedOnce();
    rmSync(join(deleted, 'pglite'), { recursive: true });
    expect((await refusal(deleted)).message).toContain(join(deleted, 'pglite'));
    const emptied = await startedOnce();
    rmSync(join(emptied, 'pglite'), { recursive: true });
    mkdirSync(join(emptied, 'pglite'));
    expect((await refusal(emptied)).message).toContain(join(emptied, 'pglite'));
  });

  it('refuses a database whose keys are gone, rather than making new ones that lock every person out', async () => {
    for (const key of ['session-secret', 'encryption-key']) {
      const dataDir = await startedOnce();
      rmSync(join(dataDir, key));
      expect((await refusal(dataDir)).message).toContain(join(dataDir, key));
      expect(existsSync(join(dataDir, key))).toBe(false);
    }
  });

  it('refuses database files without PG_VERSION, which PGlite would initialise over', async () => {
    const dataDir = await startedOnce();
    rmSync(join(dataDir, 'pglite', 'PG_VERSION'));
    const { message } = await refusal(dataDir, {
      SESSION_SECRET: 's'.repeat(40),
      ENCRYPTION_KEY: 'a'.repeat(64),
    });
    expect(message).toContain(join(dataDir, 'pglite'));
    expect(message.split('. ').length).toBeLessThanOrEqual(2);
  });
});
