/**
 * Every new link asks whether another person holds its LoginId. That lookup must stay one index probe however
 * many links there are: by the LoginId's hash, never a scan of every person's links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_HELD_ELSEWHERE_SQL, loginLinkedByAnotherUser } from '../../src/links/repository.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { addPeopleWithLinks, planOf } from '../helpers/plans.ts';

const PEOPLE = 3_000;

describe.each(ENGINES)('a LoginId held by another person, on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await addPeopleWithLinks(database.db, PEOPLE);
    await database.db.query('ANALYZE');
  }, 120_000);
  afterAll(() => database.close());

  it('is found by the index of links by LoginId, not by reading every link', async () => {
    const { db } = database;
    const [held] = (await db.query<{ user_id: string; login_id_hash: string }>('SELECT * FROM links LIMIT 1'))
      .rows;
    if (!held) throw new Error('no link');
    const plan = await planOf(db, LOGIN_HELD_ELSEWHERE_SQL, [held.login_id_hash, crypto.randomUUID()]);
    expect(plan).toMatch(/Index (Only )?Scan (on|using) links_login_id_hash/);
    expect(plan).not.toMatch(/Seq Scan on links/);

    // And it answers: held by another person, not by its own holder.
    const elsewhere = await db.transaction((tx) =>
      loginLinkedByAnotherUser(tx, crypto.randomUUID(), held.login_id_hash),
    );
    const ownHolder = await db.transaction((tx) =>
      loginLinkedByAnotherUser(tx, held.user_id, held.login_id_hash),
    );
    expect({ elsewhere, ownHolder }).toEqual({ elsewhere: true, ownHolder: false });
  });
});
