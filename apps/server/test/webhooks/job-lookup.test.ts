/**
 * Every webhook delivery asks whether an unfinished job waits on its RequestId. That lookup must stay one probe
 * of the index of lower-cased RequestIds however many jobs there are, and the schema keeps no second index of
 * RequestIds that no query uses (each one is written on every job's claim, MFA hand-back and retry).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_DELIVERY_SQL, recordDelivery } from '../../src/webhooks/repository.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { addPeopleWithLinks, planOf } from '../helpers/plans.ts';

const PEOPLE = 3_000;

describe.each(ENGINES)('the job a webhook delivery is for, on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await addPeopleWithLinks(database.db, PEOPLE);
    // One retrieving job per link, its RequestId in upper case as Flinks may send it.
    await database.db.query(
      `INSERT INTO jobs (id, user_id, link_id, login_id_hash, kind, payload, state, authorize_live, request_id)
       SELECT gen_random_uuid(), user_id, id, login_id_hash, 'link', '{}', 'retrieving', false,
              upper(gen_random_uuid()::text)
       FROM links`,
    );
    await database.db.query('ANALYZE');
  }, 120_000);
  afterAll(() => database.close());

  it('is found by the index of lower-cased RequestIds, not by reading every job', async () => {
    const { db } = database;
    const [job] = (await db.query<{ request_id: string }>('SELECT request_id FROM jobs LIMIT 1')).rows;
    if (!job) throw new Error('no job');
    const plan = await planOf(db, RECORD_DELIVERY_SQL, [
      job.request_id.toLowerCase(),
      'GetAccountsDetail',
      null,
    ]);
    expect(plan).toMatch(/Index (Only )?Scan (on|using) jobs_request_key/);
    expect(plan).not.toMatch(/Seq Scan on jobs/);

    // And it answers: a delivery for that job is kept, one for a RequestId no job waits on is not.
    const forTheJob = await recordDelivery(db, {
      requestId: job.request_id,
      responseType: 'GetAccountsDetail',
      sealedPayload: null,
    });
    const forNoJob = await recordDelivery(db, {
      requestId: crypto.randomUUID(),
      responseType: 'GetAccountsDetail',
      sealedPayload: null,
    });
    expect({ forTheJob, forNoJob }).toEqual({ forTheJob: 'stored', forNoJob: 'unexpected' });
  });

  it('keeps no index of RequestIds as they were sent, which no lookup uses', async () => {
    const { rows } = await database.db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename = 'jobs' AND indexdef LIKE '%btree (request_id)%'`,
    );
    expect(rows.map((row) => row.indexname)).toEqual([]);
  });
});
