/**
 * For tests of how often a flow writes a row: the database itself counts every UPDATE of a table's rows, by
 * row id, through a trigger that exists only while the test's `work` runs.
 */
import type { Queryable } from '../../src/db/database.ts';

/** How many times each row was updated so far, by id (a row never updated is absent). */
export type WritesSoFar = () => Promise<Map<string, number>>;

/**
 * Runs `work` while every UPDATE of `table` (only those where `when` holds, a condition over OLD and NEW, when
 * given) is counted, and removes the counting afterwards, whatever `work` did.
 */
export async function countingUpdates<T>(
  db: Queryable,
  table: string,
  work: (writes: WritesSoFar) => Promise<T>,
  when?: string,
): Promise<T> {
  const counts = `${table}_writes`;
  await db.query(`CREATE TABLE ${counts} (id uuid NOT NULL)`);
  await db.query(
    `CREATE FUNCTION count_${counts}() RETURNS trigger LANGUAGE plpgsql AS
     $$ BEGIN INSERT INTO ${counts} VALUES (NEW.id); RETURN NEW; END $$`,
  );
  await db.query(
    `CREATE TRIGGER count_${counts} AFTER UPDATE ON ${table} FOR EACH ROW
     ${when ? `WHEN (${when})` : ''} EXECUTE FUNCTION count_${counts}()`,
  );
  try {
    return await work(async () => {
      const { rows } = await db.query<{ id: string; writes: number }>(
        `SELECT id, count(*)::int AS writes FROM ${counts} GROUP BY id`,
      );
      return new Map(rows.map((row) => [row.id, row.writes]));
    });
  } finally {
    await db.query(`DROP TRIGGER count_${counts} ON ${table}`);
    await db.query(`DROP FUNCTION count_${counts}()`);
    await db.query(`DROP TABLE ${counts}`);
  }
}
