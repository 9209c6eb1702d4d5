/**
 * Every link and refresh job pairs its person's transfers, reading their transfers not paired yet. That read
 * must stay the person's own, whatever the number of other people: through the index of unpaired transfers,
 * never a scan of everyone's transactions (which the planner chose once statistics showed few unpaired ones).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNPAIRED_TRANSFERS_SQL } from '../../src/categories/apply.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { addPeopleWithLinks, planOf } from '../helpers/plans.ts';

const PEOPLE = 200;
const ACCOUNTS = 5;
const PER_ACCOUNT = 150;

describe.each(ENGINES)('pairing transfers on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const { db } = database;
    await addPeopleWithLinks(db, PEOPLE);
    await db.query(
      `INSERT INTO accounts (id, link_id, user_id, flinks_account_id, title, type, currency)
       SELECT gen_random_uuid(), l.id, l.user_id, n::text, 'Chequing', 'Chequing', 'CAD'
       FROM links l, generate_series(1, ${ACCOUNTS}) n`,
    );
    // Every 20th transaction a transfer; all of them paired already, as a job leaves nearly all of them.
    await db.query(
      `INSERT INTO transactions (id, account_id, flinks_transaction_id, date, description, amount, seq,
         category, merchant, search_text, category_source, transfer_peer_id)
       SELECT id, account_id, n::text, DATE '2026-01-01' + n % 300, 'ROW ' || n, n - 75, n,
         CASE WHEN n % 20 = 0 THEN 'transfers' ELSE 'groceries' END, 'Row', 'row', 'builtin',
         CASE WHEN n % 20 = 0 THEN id END
       FROM (SELECT gen_random_uuid() AS id, a.id AS account_id, n
             FROM accounts a, generate_series(1, ${PER_ACCOUNT}) n) AS generated`,
    );
    await db.query('ANALYZE');
  }, 120_000);
  afterAll(() => database.close());

  it("reads one person's unpaired transfers through their index, never every person's transactions", async () => {
    const { db } = database;
    const [person] = (await db.query<{ user_id: string }>('SELECT user_id FROM accounts LIMIT 1')).rows;
    const plan = await planOf(db, UNPAIRED_TRANSFERS_SQL, [person?.user_id]);
    expect(plan).toMatch(/Index (Only )?Scan (on|using) transactions_unpaired_transfers/);
    expect(plan).toMatch(/Index Cond: \(account_id = ANY/);
    expect(plan).not.toMatch(/Seq Scan on transactions/);
  });
});
