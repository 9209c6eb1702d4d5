/**
 * The worker thread that holds PGlite (see pglite-worker.ts): PGlite's WebAssembly runs each statement
 * synchronously, so here it stalls only this thread, never the server's requests. It serves the `Database`
 * interface over messages: queries, transactions held open across messages, COPY, LISTEN.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { DataDirError } from '../errors.ts';
import { type Database, type Transaction, toDatabaseError } from './database.ts';
import { openPglite } from './pglite.ts';
import { maintain } from './pglite-maintenance.ts';
import type { Reply, Request, SerializedError } from './pglite-worker.ts';
import { procedureError, THREAD_PROCEDURES } from './procedures.ts';

const port = parentPort;
if (!port) throw new Error('pglite-thread runs as a worker thread');

function serialize(error: unknown): SerializedError {
  // A damaged data directory stops the start with its own sentence; anything else crosses as the DatabaseError
  // the app sees on either engine, code and message only (PostgreSQL's detail can quote the row).
  if (error instanceof DataDirError)
    return { name: 'DataDirError', code: 'DATA_DIR', message: error.message };
  const { code, message } = toDatabaseError(error);
  const procedure = procedureError(error);
  return { name: 'DatabaseError', code, message, ...(procedure ? { procedure } : {}) };
}

const reply = (message: Reply) => port.postMessage(message);

/** The WAL could not be written (a full disk, most often): PostgreSQL's own PANIC, which it does not outlive. */
function cannotGoOn(error: SerializedError): boolean {
  return /could not (write to log file|write to file "pg_wal|create file "pg_wal|extend file "pg_wal)|PANIC/i.test(
    error.message,
  );
}

/** A transaction held open until its `end` arrives; statements on it run in order. */
interface OpenTransaction {
  tx: Transaction;
  end(commit: boolean): void;
  done: Promise<void>;
}

/** Thrown inside PGlite's transaction to roll it back when the caller asked for that. */
class Rollback extends Error {}

const transactions = new Map<number, OpenTransaction>();
/** Set once the engine is asked to close: maintenance stops with it. */
let closing = false;
const listeners = new Map<number, () => Promise<void>>();
let nextTransaction = 1;

function begin(db: Database): Promise<number> {
  return new Promise((started, failed) => {
    const id = nextTransaction++;
    let end: (commit: boolean) => void = () => undefined;
    const ended = new Promise<boolean>((resolve) => {
      end = resolve;
    });
    const done = db
      .transaction(async (tx) => {
        transactions.set(id, { tx, end, done });
        started(id);
        if (!(await ended)) throw new Rollback();
      })
      .catch((error) => {
        if (!(error instanceof Rollback)) throw error;
      })
      .finally(() => transactions.delete(id));
    done.catch(failed);
  });
}

function target(db: Database, transaction: number | undefined): Transaction | Database {
  if (transaction === undefined) return db;
  const open = transactions.get(transaction);
  if (!open) throw new Error(`no open transaction ${transaction}`);
  return open.tx;
}

async function handle(db: Database, request: Request): Promise<unknown> {
  switch (request.op) {
    case 'query':
      return target(db, request.transaction).query(request.text, request.params);
    case 'begin':
      return begin(db);
    case 'perform': {
      const procedure = THREAD_PROCEDURES.get(request.name);
      if (!procedure) throw new Error(`no procedure ${request.name}`);
      return db.perform(procedure, request.input as never);
    }
    case 'copy': {
      const tx = target(db, request.transaction);
      if (!('copyRows' in tx)) throw new Error('COPY runs inside a transaction');
      return tx.copyRows(request.table, request.columns, request.rows);
    }
    case 'end': {
      const open = transactions.get(request.transaction);
      if (!open) throw new Error(`no open transaction ${request.transaction}`);
      open.end(request.commit);
      await open.done;
      return null;
    }
    case 'listen': {
      const id = request.listener;
      listeners.set(
        id,
        await db.listen(request.channel, {
          onMessage: (payload) => reply({ notification: id, payload }),
          onInterrupted: () => undefined,
          onResumed: () => undefined,
        }),
      );
      return null;
    }
    case 'unlisten': {
      await listeners.get(request.listener)?.();
      listeners.delete(request.listener);
      return null;
    }
    case 'close':
      closing = true;
      await db.close();
      return null;
  }
}

/**
 * Autovacuum's work, which single-user PGlite never does, on a timer: one round at a time, queued behind the
 * statements already waiting. A failure leaves it for the next round, unless the engine cannot go on.
 */
function maintainEvery(db: Database, everyMs: number): void {
  if (everyMs <= 0) return;
  const round = () => {
    if (closing) return;
    maintain(db).then(
      () => setTimeout(round, everyMs).unref(),
      (error: unknown) => {
        if (cannotGoOn(serialize(error))) process.exit(1);
        setTimeout(round, everyMs).unref();
      },
    );
  };
  setTimeout(round, everyMs).unref();
}

const THREAD_NICENESS = 10;

/**
 * When the machine's cores are all busy, the server's thread goes first: Linux keeps a niceness per thread, and
 * this one (named by /proc/thread-self) takes a lower priority than the rest of the process. Stores then wait
 * for a core rather than requests and timers. Elsewhere the thread keeps the process's priority.
 */
function yieldCoresToTheServer(): void {
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(thread) && thread !== process.pid) setPriority(thread, THREAD_NICENESS);
  } catch {
    // Not Linux, or not allowed: the same priority as the server's thread.
  }
}

const { dataDir, maintenanceMs } = workerData as { dataDir: string | null; maintenanceMs: number };
yieldCoresToTheServer();
openPglite(dataDir).then(
  (db) => {
    maintainEvery(db, maintenanceMs);
    port.on('message', (request: Request) => {
      handle(db, request).then(
        (result) => reply({ id: request.id, result }),
        (error: unknown) => {
          const serialized = serialize(error);
          reply({ id: request.id, error: serialized });
          // PostgreSQL stops (PANIC) when it cannot write its WAL; PGlite, which cannot, would hang on the next
          // statement. The thread ends instead: the server starts another, which recovers from the WAL.
          if (cannotGoOn(serialized)) process.exit(1);
        },
      );
    });
    reply({ ready: true });
  },
  (error: unknown) => reply({ ready: false, error: serialize(error) }),
);
