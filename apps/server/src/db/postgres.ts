import pg from 'pg';
import { DATE_OID, type Database, INT8_OID, parseDate, parseInt8, type Queryable } from './database.ts';

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
  onError?: (error: Error) => void;
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query(text, params = []) {
      const result = await client.query(text, [...params]);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    },
  };
}

export async function openPostgres(
  connectionString: string,
  options: PostgresOptions = {},
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.onError?.(error));
  await pool.query('SELECT 1');
  return {
    dialect: 'postgres',
    query: queryable(pool).query,
    async transaction(work) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is discarded rather than handed to the next caller.
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
