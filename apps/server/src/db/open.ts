import { join } from 'node:path';
import type { ResolvedConfig } from '../config.ts';
import type { Database } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

/** PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR. */
export async function openDatabase(
  config: ResolvedConfig,
  onError: (error: Error) => void,
): Promise<Database> {
  if (config.databaseUrl !== null) return openPostgres(config.databaseUrl, { onError });
  return openPglite(join(config.dataDir, 'pglite'));
}
