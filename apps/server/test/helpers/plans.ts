/**
 * For tests of how a query scales with other people's rows: many people at once, and what the planner makes of
 * a query (asserted on, so that a lookup that must stay one person's cannot slide into reading everyone's).
 */
import type { Queryable } from '../../src/db/database.ts';

/** `count` people, each with one active link, its LoginId hash the md5 of the person's id. */
export async function addPeopleWithLinks(db: Queryable, count: number): Promise<void> {
  await db.query(
    `WITH people AS (INSERT INTO users (id) SELECT gen_random_uuid() FROM generate_series(1, $1::int) RETURNING id)
     INSERT INTO links (id, user_id, login_id_hash, login_id_encrypted, status)
     SELECT gen_random_uuid(), id, md5(id::text), 'sealed', 'active' FROM people`,
    [count],
  );
}

/** The plan `EXPLAIN` prints for `sql` with these parameters, one line per node. */
export async function planOf(db: Queryable, sql: string, params: readonly unknown[]): Promise<string> {
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}
