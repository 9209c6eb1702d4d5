/**
 * The schema itself: every foreign key has an index that begins with its column, so that deleting a parent row
 * (a link, an account, a transaction paired as a transfer) finds its children through the index instead of
 * reading the whole child table once per deleted row.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/database.ts';
import { useDatabase } from '../helpers/suite.ts';

describe.each(ENGINES)('the schema on %s', (engine) => {
  const database = useDatabase(engine);

  it('indexes every foreign key by its leading column', async () => {
    const { rows } = await database.db.query<{ child: string; column: string; parent: string }>(
      `SELECT c.conrelid::regclass::text AS child, a.attname AS column, c.confrelid::regclass::text AS parent
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
         AND NOT EXISTS (
           SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]
         )
       ORDER BY 1, 2`,
    );
    expect(rows.map((row) => `${row.child}.${row.column} → ${row.parent}`)).toEqual([]);
  });

  it('has foreign keys to check at all', async () => {
    const { rows } = await database.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_constraint
       WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`,
    );
    expect(rows[0]?.count).toBeGreaterThan(5);
  });
});
