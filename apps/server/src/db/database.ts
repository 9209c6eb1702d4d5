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

export interface Database extends Queryable {
  readonly dialect: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Listens to NOTIFY on `channel` until the returned function is called. `onResumed` is called once
   * listening has started (and again after each interruption).
   */
  listen(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
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
