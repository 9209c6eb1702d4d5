import { PGlite } from '@electric-sql/pglite';
import { DataDirError } from '../errors.ts';
import {
  copyStatement,
  copyText,
  DATE_OID,
  type Database,
  INT8_OID,
  parseDate,
  parseInt8,
  type Queryable,
  type QueryResult,
  type Transaction,
  translated,
} from './database.ts';

interface PgliteLike {
  query<Row>(
    text: string,
    params?: unknown[],
    options?: { parsers?: typeof PARSERS; serializers?: typeof SERIALIZERS; blob?: Blob },
  ): Promise<{ rows: Row[]; affectedRows?: number }>;
}

const BYTEA_OID = 17;

/**
 * bytea in PGlite's text form (`\\x` and hex), by Buffer's own hex codec: PGlite 0.5's makes a string of each
 * byte and parses each back alone, some 50 ms for a 300 KB statement each way.
 */
const byteaText = (value: Uint8Array) =>
  `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
const byteaValue = (text: string) => Buffer.from(text.slice(2), 'hex');

/** Given with each query: PGlite 0.5 ignores the `parsers` constructor option. */
const PARSERS = { [INT8_OID]: parseInt8, [DATE_OID]: parseDate, [BYTEA_OID]: byteaValue };
const SERIALIZERS = { [BYTEA_OID]: byteaText };

/**
 * PGlite runs each statement synchronously and hands its lock to the next waiter through promise callbacks,
 * so a queue of statements would drain in one turn of the event loop, starving timers and sockets (every
 * HTTP request, every poll) for as long as it lasts. Each statement therefore first yields to the event loop.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function queryable(target: PgliteLike): Queryable {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      await yieldToEventLoop();
      const result = await translated(() =>
        target.query<Row>(text, [...params], { parsers: PARSERS, serializers: SERIALIZERS }),
      );
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
  };
}

/** COPY reads its rows from the blob PGlite mounts at /dev/blob for the statement. */
function transactionOn(target: PgliteLike): Transaction {
  return {
    ...queryable(target),
    async copyRows(table, columns, rows) {
      await yieldToEventLoop();
      const blob = new Blob([...copyText(rows)]);
      const result = await translated(() =>
        target.query(`${copyStatement(table, columns)} FROM '/dev/blob'`, [], { blob }),
      );
      return result.affectedRows ?? 0;
    },
  };
}

/**
 * PGlite: PostgreSQL compiled to WebAssembly, inside this process. `dataDir` null keeps the database in memory
 * (tests). It has one connection: statements and transactions run one at a time, in arrival order.
 */
export async function openPglite(dataDir: string | null): Promise<Database> {
  const pglite = new PGlite(dataDir ?? undefined);
  try {
    await pglite.waitReady;
  } catch {
    throw new DataDirError(
      `The database in ${dataDir ?? 'memory'} cannot be opened (its files are damaged): restore it from a backup, or move it away to start with an empty one.`,
    );
  }
  const direct = queryable(pglite);
  return {
    dialect: 'pglite',
    query: direct.query,
    transaction: (work) => pglite.transaction((tx) => work(transactionOn(tx))),
    perform: (procedure, input) => pglite.transaction((tx) => procedure.run(transactionOn(tx), input)),
    async listen(channel, handlers) {
      // One process, one connection: nothing can interrupt delivery.
      const stop = await pglite.listen(channel, handlers.onMessage);
      handlers.onResumed();
      return () => stop();
    },
    close: () => pglite.close(),
  };
}
