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

export interface Database extends Queryable {
  readonly dialect: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
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
