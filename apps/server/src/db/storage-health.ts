/**
 * Whether the database can write, as its health check reports it. A full disk does not stop `SELECT 1` (nor
 * small writes, which land in WAL already allocated), so it is seen where it happens: a statement failing with
 * disk_full (SQLSTATE 53100) or ENOSPC. From then on the database is reported failing until room comes back:
 * the free space of the embedded engine's directory grows again (read with statfs), or a minute passes
 * without another such failure (a PostgreSQL server's disk is not ours to measure; a job whose store meets it
 * retries within a minute, so a disk that stays full keeps it reported).
 */
import { statfsSync } from 'node:fs';
import type { Clock } from '../clock.ts';
import { type Database, isStorageFullError, type Transaction } from './database.ts';

/** Room that must come back before a full disk is taken as writable again: more than a WAL segment. */
const ROOM_MARGIN_BYTES = 32 * 1024 * 1024;
const QUIET_MS = 60_000;

export interface StorageHealth {
  /** Null while writes go through; otherwise since when they fail for lack of room. */
  fullSince(): Date | null;
}

function freeBytes(directory: string | null): number | null {
  if (directory === null) return null;
  try {
    const stats = statfsSync(directory);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/** `db`, watched: every failure for lack of room is noted, for the health check to report. */
export function watchStorage(
  db: Database,
  options: { directory: string | null; clock: Clock },
): { db: Database; health: StorageHealth } {
  let failure: { since: Date; last: Date; free: number | null } | null = null;

  const note = (error: unknown) => {
    if (!isStorageFullError(error)) return;
    const now = options.clock.now();
    const free = freeBytes(options.directory);
    if (failure === null) {
      failure = { since: now, last: now, free };
      return;
    }
    const lowest =
      failure.free === null || free === null ? (failure.free ?? free) : Math.min(failure.free, free);
    failure = { since: failure.since, last: now, free: lowest };
  };
  const watched = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      note(error);
      throw error;
    }
  };

  const health: StorageHealth = {
    fullSince() {
      if (failure === null) return null;
      const free = freeBytes(options.directory);
      const roomGrew = failure.free !== null && free !== null && free >= failure.free + ROOM_MARGIN_BYTES;
      const quiet = options.clock.now().getTime() - failure.last.getTime() >= QUIET_MS;
      if (roomGrew || quiet) failure = null;
      return failure?.since ?? null;
    },
  };

  return {
    health,
    db: {
      dialect: db.dialect,
      query: <Row>(text: string, params?: readonly unknown[]) => watched(() => db.query<Row>(text, params)),
      transaction: <T>(work: (tx: Transaction) => Promise<T>) => watched(() => db.transaction(work)),
      perform: (procedure, input) => watched(() => db.perform(procedure, input)),
      listen: (channel, handlers) => db.listen(channel, handlers),
      close: () => db.close(),
    },
  };
}
