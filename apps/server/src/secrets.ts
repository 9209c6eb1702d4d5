/**
 * SESSION_SECRET and ENCRYPTION_KEY for the embedded default: when not given, they are generated once into
 * DATA_DIR (mode 0600) and read back on every later start, so cookies and stored LoginIds survive restarts.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Config, ConfigError, decodeKey, type ResolvedConfig } from './config.ts';

async function readOrCreate(path: string, generate: () => string): Promise<string> {
  try {
    await writeFile(path, `${generate()}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') {
      throw new ConfigError([
        `DATA_DIR: cannot write ${path} (${code}); make it writable or set the key explicitly`,
      ]);
    }
  }
  return (await readFile(path, 'utf8')).trim();
}

export async function resolveSecrets(config: Config): Promise<ResolvedConfig> {
  const { sessionSecret, encryptionKey } = config;
  if (sessionSecret !== null && encryptionKey !== null) return { ...config, sessionSecret, encryptionKey };

  try {
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ConfigError([
      `DATA_DIR: cannot create ${config.dataDir} (${(error as NodeJS.ErrnoException).code}); ` +
        'make it writable or set SESSION_SECRET and ENCRYPTION_KEY',
    ]);
  }
  const generate = () => randomBytes(32).toString('base64url');
  const resolved = {
    ...config,
    sessionSecret: sessionSecret ?? (await readOrCreate(join(config.dataDir, 'session-secret'), generate)),
    encryptionKey: encryptionKey ?? (await readOrCreate(join(config.dataDir, 'encryption-key'), generate)),
  };
  if (resolved.sessionSecret.length < 32) {
    throw new ConfigError([`SESSION_SECRET: the file in ${config.dataDir} holds fewer than 32 characters`]);
  }
  if (decodeKey(resolved.encryptionKey) === null) {
    throw new ConfigError([`ENCRYPTION_KEY: the file in ${config.dataDir} does not hold a 32-byte key`]);
  }
  return resolved;
}
