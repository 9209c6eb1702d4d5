/**
 * SESSION_SECRET and ENCRYPTION_KEY for the embedded default: when not given, they are generated once into
 * DATA_DIR (mode 0600) and read back on every later start, so cookies and stored LoginIds survive restarts.
 * The VAPID keys of Web Push likewise (`vapid-keys`); a lost pair only ends the devices' subscriptions.
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import webpush from 'web-push';
import { type Config, ConfigError, decodeKey, type ResolvedConfig, type VapidKeys } from './config.ts';
import { DataDirError } from './errors.ts';

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

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** The embedded database's directory: absent (or empty), a database (PG_VERSION), or files that are not one. */
async function databaseState(dir: string): Promise<'absent' | 'present' | 'damaged'> {
  const entries = await readdir(dir).catch((): string[] => []);
  if (entries.length === 0) return 'absent';
  return entries.includes('PG_VERSION') ? 'present' : 'damaged';
}

/**
 * The keys in DATA_DIR belong to the database beside them: keys without a database mean the database was lost,
 * a database without its keys means every session and LoginId in it is lost, and files without PG_VERSION are
 * something PGlite would initialise over. Each is refused with what to do, never repaired by starting afresh.
 */
async function checkDataDir(config: Config, keyFiles: { name: string; path: string }[]): Promise<void> {
  const dir = join(config.dataDir, 'pglite');
  const state = await databaseState(dir);
  if (state === 'damaged') {
    throw new DataDirError(
      `${dir} holds files but no PG_VERSION, so it is not a database PGlite can open: restore it from a backup, or move it away to start with an empty one.`,
    );
  }
  const present = await Promise.all(
    keyFiles.map(async (file) => ({ ...file, found: await exists(file.path) })),
  );
  if (state === 'absent') {
    const orphan = present.find((file) => file.found);
    if (orphan) {
      throw new DataDirError(
        `${dir} is missing or empty while ${orphan.path} still holds the key of the database that was there: restore the database, or remove the key files of ${config.dataDir} to start afresh.`,
      );
    }
    return;
  }
  const lost = present.find((file) => !file.found);
  if (lost) {
    throw new DataDirError(
      `${dir} holds a database but ${lost.path} is missing: restore it (or set ${lost.name} to its value), since a new one would lock every person out of their links.`,
    );
  }
}

/** Given keys; else, on an embedded start, the pair kept in DATA_DIR (made on first use); else none. */
async function resolveVapidKeys(config: Config): Promise<VapidKeys | null> {
  if (config.push.vapidKeys !== null || config.databaseUrl !== null) return config.push.vapidKeys;
  const path = join(config.dataDir, 'vapid-keys');
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 }).catch(() => undefined);
  const text = await readOrCreate(path, () => JSON.stringify(webpush.generateVAPIDKeys()));
  try {
    const { publicKey, privateKey } = JSON.parse(text) as Partial<VapidKeys>;
    if (typeof publicKey === 'string' && typeof privateKey === 'string') return { publicKey, privateKey };
  } catch {}
  throw new ConfigError([`${path} does not hold a VAPID key pair: remove it to have a new one made`]);
}

export async function resolveSecrets(config: Config): Promise<ResolvedConfig> {
  const resolved = await resolveKeys(config);
  return { ...resolved, push: { ...resolved.push, vapidKeys: await resolveVapidKeys(resolved) } };
}

async function resolveKeys(config: Config): Promise<ResolvedConfig> {
  const { sessionSecret, encryptionKey } = config;
  const keyFiles = [
    { name: 'SESSION_SECRET', path: join(config.dataDir, 'session-secret'), given: sessionSecret !== null },
    { name: 'ENCRYPTION_KEY', path: join(config.dataDir, 'encryption-key'), given: encryptionKey !== null },
  ];
  if (config.databaseUrl === null) {
    await checkDataDir(
      config,
      keyFiles.filter((file) => !file.given),
    );
  }
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
