/**
 * The one storage interface the app uses, whichever engine holds the data: PGlite embedded in the process, or
 * PostgreSQL through a connection pool. Both speak the same SQL, so one set of queries and migrations serves both.
 */

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or deleted (or returned, for a SELECT). */
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

/** What a listener hears: each NOTIFY payload, and when delivery stops and resumes. */
export interface NotificationHandlers {
  onMessage(payload: string): void;
  /** Notifications may have been missed from now on (connection lost), until `onResumed`. */
  onInterrupted(): void;
  onResumed(): void;
}

/** A value COPY can load: text, a whole number, a `YYYY-MM-DD` date, or null. */
export type CopyValue = string | number | null;

export interface Transaction extends Queryable {
  /**
   * Loads `rows` into `table` with COPY, the engine's bulk path (a stream on PostgreSQL, a blob on PGlite):
   * no parameters to bind, no statement per row. Returns the number of rows loaded.
   */
  copyRows(table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number>;
}

/**
 * A transaction's work given a name, so that an engine can run it where its statements run: PGlite's thread
 * runs the procedures `procedures.ts` lists there, and their statements cross no thread boundary (each would
 * otherwise wait for the server's event loop to send the next, holding PGlite's one connection meanwhile). Its
 * input and output are plain data (they may be copied to another thread).
 */
export interface Procedure<Input, Output> {
  readonly name: string;
  run(tx: Transaction, input: Input): Promise<Output>;
}

export interface Database extends Queryable {
  readonly dialect: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Runs `procedure` in one transaction, as `transaction` does, where the engine runs it best. */
  perform<Input, Output>(procedure: Procedure<Input, Output>, input: Input): Promise<Output>;
  /**
   * Listens to NOTIFY on `channel` until the returned function is called. `onResumed` is called once
   * listening has started (and again after each interruption).
   */
  listen(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** `perform` where the procedure runs on this side: an ordinary transaction of `db`'s. */
export function performAsTransaction<Input, Output>(
  db: Pick<Database, 'transaction'>,
  procedure: Procedure<Input, Output>,
  input: Input,
): Promise<Output> {
  return db.transaction((tx) => procedure.run(tx, input));
}

/**
 * Column types both adapters return alike: `bigint` as a JS number (money and counts stay far below 2^53; a
 * value beyond would be a bug, so it throws rather than lose precision), `date` as its `YYYY-MM-DD` text (a JS
 * Date would shift it by the server's time zone). `timestamptz` stays a Date in both.
 */
export const INT8_OID = 20;
export const DATE_OID = 1082;

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`bigint ${text} is beyond JavaScript's safe integers`);
  return value;
}

export function parseDate(text: string): string {
  return text;
}

/** Longest message kept from the engine: enough to diagnose, too short to carry a row. */
const MESSAGE_LIMIT = 300;

/**
 * Any failure of a statement or of the connection, as the app sees and logs it: the engine's code (SQLSTATE, or
 * the socket's errno) and its message, and nothing else. The engines' own errors carry the statement, its
 * parameters (a LoginId, a whole GetAccountsDetail) and the connection's internals, which a log must never hold.
 */
export class DatabaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message.length > MESSAGE_LIMIT ? `${message.slice(0, MESSAGE_LIMIT)}…` : message);
    this.name = 'DatabaseError';
  }
}

export function toDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return new DatabaseError(typeof code === 'string' ? code : 'UNKNOWN', error.message);
  }
  return new DatabaseError('UNKNOWN', String(error));
}

/** Rethrows an engine's error as a DatabaseError. */
export async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toDatabaseError(error);
  }
}

/** SQLSTATE disk_full: the embedded engine's (or the server's) disk has no room for the write. */
export const STORAGE_FULL = '53100';

/** The disk has no room for a write: SQLSTATE disk_full, or the filesystem's ENOSPC under the embedded engine. */
export function isStorageFullError(error: unknown): boolean {
  return error instanceof DatabaseError && (error.code === STORAGE_FULL || error.code === 'ENOSPC');
}

/**
 * The server or the connection went away (a restart, a network fault, an administrator), or the disk is full:
 * the same statement may well succeed in a moment. Class 08 is connection exceptions, 57P0x the server shutting
 * down or starting.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (!(error instanceof DatabaseError)) return false;
  return (
    error.code === STORAGE_FULL ||
    // The embedded engine's thread ended and is being started again (see pglite-worker.ts).
    error.code === 'PGLITE_UNAVAILABLE' ||
    error.code.startsWith('08') ||
    /^57P0[1-3]$/.test(error.code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(error.code) ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message)
  );
}

/** `COPY table (columns)`, with each name quoted, for both adapters to complete with their source. */
export function copyStatement(table: string, columns: readonly string[]): string {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return `COPY ${quote(table)} (${columns.map(quote).join(', ')})`;
}

/** Backslash, tab, newline and carriage return are COPY text format's own characters. */
const COPY_SPECIAL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Rows in COPY's text format, in chunks of about `chunkSize` characters so that a large load is neither one
 * huge string nor a write per row.
 */
export function* copyText(rows: Iterable<readonly CopyValue[]>, chunkSize = 64 * 1024): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      if (i > 0) line += '\t';
      if (value === null || value === undefined) line += '\\N';
      else if (typeof value === 'number') line += String(value);
      else line += value.replace(COPY_SPECIAL, (character) => COPY_ESCAPES[character] ?? character);
    }
    chunk += `${line}\n`;
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
