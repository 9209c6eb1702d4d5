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
  type QueryResult,
  type Transaction,
  toDatabaseError,
} from './database.ts';

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
  | { op: 'listen'; listener: number; channel: string }
  | { op: 'unlisten'; listener: number }
  | { op: 'close' }
);

/** What crosses the thread boundary of an error: a DatabaseError's code and message, or a DataDirError's. */
export interface SerializedError {
  name: 'DatabaseError' | 'DataDirError';
  code: string;
  message: string;
}

export type Reply =
  | { id: number; result: unknown }
  | { id: number; error: SerializedError }
  | { notification: number; payload: string }
  | { ready: true }
  | { ready: false; error: SerializedError };

type Call = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

function revive(serialized: SerializedError): Error {
  if (serialized.name === 'DataDirError') return new DataDirError(serialized.message);
  return new DatabaseError(serialized.code, serialized.message);
}

/**
 * From the TypeScript sources (tests, `tsx` in development) the thread loads its `.ts` through tsx; from the
 * bundle, `dist/pglite-thread.mjs` sits beside `dist/main.mjs` (an entry of build.mjs).
 */
function startThread(dataDir: string | null): Worker {
  const thread = import.meta.url.endsWith('.ts') ? './pglite-thread-dev.mjs' : './pglite-thread.mjs';
  return new Worker(new URL(thread, import.meta.url), { workerData: { dataDir } });
}

export async function openPgliteWorker(dataDir: string | null): Promise<Database> {
  const worker = startThread(dataDir);
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Map<number, (payload: string) => void>();
  let nextId = 1;
  let gone: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: Reply) => {
      if ('ready' in message) {
        if (message.ready) resolve();
        else reject(revive(message.error));
      } else if ('notification' in message) {
        listeners.get(message.notification)?.(message.payload);
      } else {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if ('error' in message) waiting?.reject(revive(message.error));
        else waiting?.resolve(message.result);
      }
    });
    // The thread died (out of memory, a WebAssembly abort): every statement waiting on it fails, none hangs.
    const fail = (cause: Error) => {
      const error = toDatabaseError(cause);
      gone = error;
      reject(error);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) =>
      fail(new DatabaseError('PGLITE_THREAD_EXITED', `the PGlite thread exited (${code})`)),
    );
  });

  const call = <T>(request: Call): Promise<T> => {
    if (gone) return Promise.reject(gone);
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

  const query =
    (transaction?: number) =>
    <Row>(text: string, params: readonly unknown[] = []) =>
      call<QueryResult<Row>>({
        op: 'query',
        text,
        params: [...params],
        ...(transaction === undefined ? {} : { transaction }),
      });

  try {
    await ready;
  } catch (error) {
    worker.removeAllListeners('exit');
    await worker.terminate();
    throw error;
  }
  return {
    dialect: 'pglite',
    query: query(),
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
      listeners.set(listener, handlers.onMessage);
      await call({ op: 'listen', listener, channel });
      // One thread, one connection: nothing can interrupt delivery.
      handlers.onResumed();
      return async () => {
        listeners.delete(listener);
        await call({ op: 'unlisten', listener });
      };
    },
    async close() {
      await call({ op: 'close' });
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
