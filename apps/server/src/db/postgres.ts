import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  copyStatement,
  copyText,
  DATE_OID,
  type Database,
  INT8_OID,
  type NotificationHandlers,
  parseDate,
  parseInt8,
  performAsTransaction,
  type Queryable,
  type Transaction,
  toDatabaseError,
  translated,
} from './database.ts';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return parseInt8;
    if (oid === DATE_OID) return parseDate;
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresOptions {
  /** Puts every connection on this schema (tests isolate themselves in a schema of their own). */
  schema?: string;
  maxConnections?: number;
  /** Told of every connection failure that no statement is waiting on (as a DatabaseError: code and message). */
  onError?: (error: Error) => void;
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query(text, params = []) {
      const result = await translated(() => client.query(text, [...params]));
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
  };
}

function transactionOn(client: pg.PoolClient): Transaction {
  return {
    ...queryable(client),
    copyRows: (table, columns, rows) =>
      translated(async () => {
        const copy = client.query(copyFrom(`${copyStatement(table, columns)} FROM STDIN`));
        await pipeline(Readable.from(copyText(rows)), copy);
        return copy.rowCount;
      }),
  };
}

const RELISTEN_DELAY_MS = 1_000;

export async function openPostgres(
  connectionString: string,
  options: PostgresOptions = {},
): Promise<Database> {
  const connection = {
    connectionString,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  const onError = (error: Error) => options.onError?.(toDatabaseError(error));
  const pool = new pg.Pool({ ...connection, max: options.maxConnections ?? 10 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', onError);
  await translated(() => pool.query('SELECT 1'));
  const db: Database = {
    dialect: 'postgres',
    query: queryable(pool).query,
    async transaction(work) {
      const client = await translated(() => pool.connect());
      // While checked out a client has no listener of the pool's: a connection cut between two statements of
      // the transaction (PostgreSQL restarting) would be an unhandled 'error' event, which ends the process.
      // The transaction's next statement fails instead, and the connection is discarded.
      let broken = false;
      const lost = (error: Error) => {
        broken = true;
        onError(error);
      };
      client.on('error', lost);
      const tx = transactionOn(client);
      try {
        await tx.query('BEGIN');
        const result = await work(tx);
        await tx.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is discarded rather than handed to the next caller.
        if (!broken) {
          await client.query('ROLLBACK').catch(() => {
            broken = true;
          });
        }
        throw error;
      } finally {
        client.removeListener('error', lost);
        client.release(broken);
      }
    },
    perform: (procedure, input) => performAsTransaction(db, procedure, input),
    listen: (channel, handlers) => listenOn(connection, channel, handlers, onError),
    close: () => pool.end(),
  };
  return db;
}

/**
 * LISTEN on a connection of its own, outside the pool. When the connection is lost, the listener is told
 * (notifications may be missed) and a new connection is tried every second until it listens again.
 */
async function listenOn(
  connection: pg.ClientConfig,
  channel: string,
  handlers: NotificationHandlers,
  onError: ((error: Error) => void) | undefined,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const candidate = new pg.Client(connection);
    candidate.on('notification', (message) => {
      if (message.channel === channel) handlers.onMessage(message.payload ?? '');
    });
    const lost = (error?: Error) => {
      if (error) onError?.(error);
      if (client !== candidate || stopped) return;
      client = null;
      handlers.onInterrupted();
      scheduleRetry();
    };
    candidate.on('error', lost);
    candidate.on('end', () => lost());
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await candidate.end().catch(() => undefined);
      throw error;
    }
    if (stopped) {
      await candidate.end();
      return;
    }
    client = candidate;
    handlers.onResumed();
  };

  const scheduleRetry = () => {
    retry = setTimeout(() => {
      retry = null;
      connect().catch((error: Error) => {
        onError?.(error);
        if (!stopped) scheduleRetry();
      });
    }, RELISTEN_DELAY_MS);
    retry.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
