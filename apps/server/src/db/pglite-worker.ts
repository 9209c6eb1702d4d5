/**
 * PGlite in a worker thread, behind the same `Database` interface. PGlite runs its WebAssembly on the thread
 * that calls it, and a statement or a COPY of thousands of rows holds that thread for its whole length: on the
 * event loop, every request and timer would wait behind it. Here the server's thread only posts messages, and
 * the statements run, one at a time as before, in `pglite-thread.ts`.
 */
import { Worker } from 'node:worker_threads';
import { DataDirError } from '../errors.ts';
import {
  type CopyValue,
  type Database,
  DatabaseError,
  type NotificationHandlers,
  performAsTransaction,
  type QueryResult,
  type Transaction,
  toDatabaseError,
} from './database.ts';
import { MAINTENANCE_EVERY_MS } from './pglite-maintenance.ts';
import { type ProcedureError, reviveProcedureError, THREAD_PROCEDURES } from './procedures.ts';

export type Request = { id: number } & (
  | { op: 'query'; text: string; params: unknown[]; transaction?: number }
  | { op: 'begin' }
  | {
      op: 'copy';
      transaction: number;
      table: string;
      columns: readonly string[];
      rows: (readonly CopyValue[])[];
    }
  | { op: 'end'; transaction: number; commit: boolean }
  | { op: 'perform'; name: string; input: unknown }
  | { op: 'listen'; listener: number; channel: string }
  | { op: 'unlisten'; listener: number }
  | { op: 'close' }
);

/**
 * What crosses the thread boundary of an error: a DatabaseError's code and message, or a DataDirError's; a
 * procedure's own error (procedures.ts) comes back as itself.
 */
export interface SerializedError {
  name: 'DatabaseError' | 'DataDirError';
  code: string;
  message: string;
  procedure?: ProcedureError;
}

export type Reply =
  | { id: number; result: unknown }
  | { id: number; error: SerializedError }
  | { notification: number; payload: string }
  | { ready: true }
  | { ready: false; error: SerializedError };

type Call = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

function revive(serialized: SerializedError): Error {
  if (serialized.procedure) return reviveProcedureError(serialized.procedure);
  if (serialized.name === 'DataDirError') return new DataDirError(serialized.message);
  return new DatabaseError(serialized.code, serialized.message);
}

/**
 * From the TypeScript sources (tests, `tsx` in development) the thread loads its `.ts` through tsx; from the
 * bundle, `dist/pglite-thread.mjs` sits beside `dist/main.mjs` (an entry of build.mjs).
 */
function startThread(dataDir: string | null, maintenanceMs: number): Worker {
  const thread = import.meta.url.endsWith('.ts') ? './pglite-thread-dev.mjs' : './pglite-thread.mjs';
  return new Worker(new URL(thread, import.meta.url), { workerData: { dataDir, maintenanceMs } });
}

export interface PgliteWorkerOptions {
  /** How often the thread vacuums and analyses what is due (pglite-maintenance.ts); 0: never (tests). */
  maintenanceMs?: number;
}

/** The thread is gone and not (yet) started again: like a server that went away, worth another try soon. */
export const PGLITE_UNAVAILABLE = 'PGLITE_UNAVAILABLE';

/** How soon a dead thread is started again, at the earliest, when a statement asks for it. */
/** How long a close waits for the engine's own before the thread is ended. */
const CLOSE_WAIT_MS = 5_000;
const RESTART_DELAY_MS = 1_000;

export async function openPgliteWorker(
  dataDir: string | null,
  { maintenanceMs = MAINTENANCE_EVERY_MS }: PgliteWorkerOptions = {},
): Promise<Database> {
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Map<number, { channel: string; handlers: NotificationHandlers }>();
  let nextId = 1;
  let worker!: Worker;
  let gone: Error | null = null;
  let closed = false;
  let restarting: Promise<void> | null = null;
  let nextRestartAt = 0;

  /** Starts a thread on the data directory (PGlite recovers from its WAL, as PostgreSQL does after a crash). */
  const spawn = (): Promise<void> => {
    const thread = startThread(dataDir, maintenanceMs);
    worker = thread;
    gone = null;
    return new Promise<void>((resolve, reject) => {
      thread.on('message', (message: Reply) => {
        if ('ready' in message) {
          if (message.ready) resolve();
          else reject(revive(message.error));
        } else if ('notification' in message) {
          listeners.get(message.notification)?.handlers.onMessage(message.payload);
        } else {
          const waiting = pending.get(message.id);
          pending.delete(message.id);
          if ('error' in message) waiting?.reject(revive(message.error));
          else waiting?.resolve(message.result);
        }
      });
      // The thread died (out of memory, a WebAssembly abort, or it ended itself after an error its engine
      // cannot go on from): every statement waiting on it fails, none hangs; the next one starts a new thread.
      const fail = (cause: Error) => {
        if (worker !== thread) return;
        const error = toDatabaseError(cause);
        gone = error;
        reject(error);
        for (const waiting of pending.values()) waiting.reject(error);
        pending.clear();
        for (const { handlers } of listeners.values()) handlers.onInterrupted();
      };
      thread.on('error', fail);
      thread.on('exit', (code) =>
        fail(new DatabaseError(PGLITE_UNAVAILABLE, `the PGlite thread exited (${code})`)),
      );
    });
  };

  const send = <T>(request: Call): Promise<T> => {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        worker.postMessage({ ...request, id });
      } catch (error) {
        // A parameter the thread cannot be sent (a function, a symbol): refused like any bad statement.
        pending.delete(id);
        reject(toDatabaseError(error));
      }
    });
  };

  /** A new thread in place of a dead one, listening again on every channel; at most one attempt a second. */
  const restart = (): Promise<void> => {
    restarting ??= (async () => {
      const cause = gone;
      if (closed || Date.now() < nextRestartAt) throw cause;
      nextRestartAt = Date.now() + RESTART_DELAY_MS;
      try {
        await spawn();
      } catch (error) {
        worker.removeAllListeners('exit');
        await worker.terminate();
        // Most often the disk is still full: the recovery it needs cannot write either.
        gone = new DatabaseError(
          PGLITE_UNAVAILABLE,
          `the PGlite thread could not start again: ${toDatabaseError(error).message}`,
        );
        // Its exit no longer reaches the handler that fails what waits on it: fail them here, none hangs.
        for (const waiting of pending.values()) waiting.reject(gone);
        pending.clear();
        throw gone;
      }
      for (const [listener, { channel, handlers }] of listeners) {
        await send({ op: 'listen', listener, channel });
        handlers.onResumed();
      }
    })().finally(() => {
      restarting = null;
    });
    return restarting;
  };

  const call = async <T>(request: Call): Promise<T> => {
    if (gone && closed) throw gone;
    if (gone) await restart();
    return send<T>(request);
  };

  try {
    await spawn();
  } catch (error) {
    worker.removeAllListeners('exit');
    await worker.terminate();
    throw error;
  }

  const query =
    (transaction?: number) =>
    <Row>(text: string, params: readonly unknown[] = []) =>
      call<QueryResult<Row>>({
        op: 'query',
        text,
        params: [...params],
        ...(transaction === undefined ? {} : { transaction }),
      });

  const db: Database = {
    dialect: 'pglite',
    query: query(),
    perform(procedure, input) {
      if (THREAD_PROCEDURES.get(procedure.name) !== procedure)
        return performAsTransaction(db, procedure, input);
      return call({ op: 'perform', name: procedure.name, input });
    },
    async transaction(work) {
      const transaction = await call<number>({ op: 'begin' });
      const tx: Transaction = {
        query: query(transaction),
        copyRows: (table, columns, rows) =>
          call<number>({ op: 'copy', transaction, table, columns, rows: [...rows] }),
      };
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await work(tx);
      } catch (error) {
        await call({ op: 'end', transaction, commit: false }).catch(() => undefined);
        throw error;
      }
      await call({ op: 'end', transaction, commit: true });
      return result;
    },
    async listen(channel, handlers: NotificationHandlers) {
      const listener = nextId++;
      listeners.set(listener, { channel, handlers });
      await call({ op: 'listen', listener, channel });
      // One thread, one connection: only the thread's death interrupts delivery (and its restart resumes it).
      handlers.onResumed();
      return async () => {
        listeners.delete(listener);
        // A thread that ended (before or while asked) took its listener with it: nothing to undo.
        // A thread being started again listens only on the channels still listed: nothing to undo either.
        if (!gone && !restarting) {
          await send({ op: 'unlisten', listener }).catch((error: unknown) => {
            if (!gone) throw error;
          });
        }
      };
    },
    async close() {
      closed = true;
      // The engine's own close (a checkpoint) is given a few seconds: on a full disk it may never finish, and a
      // stop must not wait on it; what was committed is in the WAL already.
      if (!gone) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          send({ op: 'close' }).catch(() => undefined),
          new Promise((resolve) => {
            timer = setTimeout(resolve, CLOSE_WAIT_MS);
          }),
        ]);
        clearTimeout(timer);
      }
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
  return db;
}
