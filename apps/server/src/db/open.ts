import { join } from 'node:path';
import type { ResolvedConfig } from '../config.ts';
import type { Database } from './database.ts';
import { openPgliteWorker } from './pglite-worker.ts';
import { openPostgres } from './postgres.ts';

/** PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR, in a worker thread of its own. */
export async function openDatabase(
  config: ResolvedConfig,
  onError: (error: Error) => void,
): Promise<Database> {
  if (config.databaseUrl !== null) return openPostgres(config.databaseUrl, { onError });
  return openPgliteWorker(join(config.dataDir, 'pglite'));
}
