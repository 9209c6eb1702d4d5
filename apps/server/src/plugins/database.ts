/**
 * The database, migrated before the first route runs, and the LoginId vault, checked against the key the
 * database was written with: a wrong ENCRYPTION_KEY stops the start instead of making every LoginId unreadable.
 */
import fp from 'fastify-plugin';
import type { Clock } from '../clock.ts';
import { createLoginIdVault, type LoginIdVault, sameKeyCheck } from '../crypto/login-id-vault.ts';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { type StorageHealth, watchStorage } from '../db/storage-health.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    vault: LoginIdVault;
    /** Whether writes fail for lack of disk space (the health check reports it). */
    storage: StorageHealth;
  }
}

export interface DatabasePluginOptions {
  /** A database opened by the caller (tests share one), which the app then does not close. */
  database?: Database;
  /** What the storage watch reckons time by. */
  clock: Clock;
}

export class KeyMismatchError extends Error {
  constructor() {
    super('ENCRYPTION_KEY differs from the key this database was written with; set the original key');
    this.name = 'KeyMismatchError';
  }
}

export const databasePlugin = fp<DatabasePluginOptions>(
  async (app, options) => {
    const opened =
      options.database ??
      (await openDatabase(app.config, (error) => app.log.error({ err: error }, 'database connection error')));
    if (!options.database) app.addHook('onClose', () => opened.close());
    // The embedded engine's disk is DATA_DIR's; a PostgreSQL server's is not ours to measure.
    const { db, health: storage } = watchStorage(opened, {
      directory: opened.dialect === 'pglite' && app.config.databaseUrl === null ? app.config.dataDir : null,
      clock: options.clock,
    });

    const applied = await migrate(db);
    if (applied.length > 0) app.log.info({ migrations: applied }, 'database migrated');

    const vault = createLoginIdVault(app.config.encryptionKey);
    await db.query(
      "INSERT INTO settings (key, value) VALUES ('encryption_key_check', $1) ON CONFLICT (key) DO NOTHING",
      [vault.keyCheck()],
    );
    const { rows } = await db.query<{ value: string }>(
      "SELECT value FROM settings WHERE key = 'encryption_key_check'",
    );
    if (!rows[0] || !sameKeyCheck(rows[0].value, vault.keyCheck())) throw new KeyMismatchError();

    app.decorate('db', db);
    app.decorate('vault', vault);
    app.decorate('storage', storage);
  },
  { name: 'database', dependencies: ['config'] },
);
