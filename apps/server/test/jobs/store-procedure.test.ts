/**
 * A job's final store is a procedure (`storeRetrieval`), which PGlite's thread runs itself: its answer, the
 * job it ends and the errors it ends with cross the thread boundary as they are, on each engine.
 */
import { describe, expect, it } from 'vitest';
import { UnreadableDataError } from '../../src/accounts/store.ts';
import type { Procedure } from '../../src/db/database.ts';
import { THREAD_PROCEDURES } from '../../src/db/procedures.ts';
import { type ClaimedJob, LeaseLostError } from '../../src/jobs/leases.ts';
import { markSucceeded, storeRetrieval } from '../../src/jobs/outcomes.ts';
import { ENGINES } from '../helpers/database.ts';
import { accountsDetail } from '../helpers/flinks-data.ts';
import { jobRow } from '../helpers/stack.ts';
import { countRows, linkWithoutBank, useApp } from '../helpers/suite.ts';

const OWNER = 'this-runner';

const answer = (debit: number | string) =>
  accountsDetail([
    {
      current: 990,
      transactions: [
        { id: 't2', date: '2026-03-02', debit: debit as number, balance: 990 },
        { id: 't1', date: '2026-03-01', credit: 1000, balance: 1000 },
      ],
    },
  ]);

describe.each(ENGINES)('the final store on %s', (engine) => {
  const suite = useApp(engine);

  /** A link whose job this runner holds, as a claim leaves it. */
  async function heldJob(): Promise<ClaimedJob> {
    const { link } = await linkWithoutBank(suite);
    const { rows } = await suite.database.db.query<ClaimedJob>(
      `UPDATE jobs SET lease_owner = $1, lease_expires_at = now() + interval '1 minute', state = 'retrieving'
       WHERE link_id = $2 RETURNING *`,
      [OWNER, link.id],
    );
    const job = rows[0];
    if (!job) throw new Error('no job to hold');
    return job;
  }

  const storedOf = (job: ClaimedJob) =>
    countRows(
      suite.database.db,
      'transactions t JOIN accounts a ON a.id = t.account_id WHERE a.link_id = $1',
      [job.link_id],
    );

  it('stores the answer and ends the job with it, returning the new transactions', async () => {
    const job = await heldJob();
    const stored = await markSucceeded(suite.database.db, job, OWNER, {
      requestId: crypto.randomUUID(),
      answer: answer(10),
      attempts: 2,
      statements: [],
      categorization: null,
    });
    expect(stored).toBe(2);
    expect(await storedOf(job)).toBe(2);
    expect(await jobRow(suite.database.db, job.id)).toMatchObject({
      state: 'succeeded',
      attempts: 2,
      lease_owner: null,
    });
  });

  it('ends in LeaseLostError, storing nothing, when another runner holds the job', async () => {
    const job = await heldJob();
    const store = markSucceeded(suite.database.db, job, 'another-runner', {
      requestId: crypto.randomUUID(),
      answer: answer(10),
      attempts: 1,
      statements: [],
      categorization: null,
    });
    await expect(store).rejects.toBeInstanceOf(LeaseLostError);
    await expect(store).rejects.toMatchObject({ jobId: job.id });
    expect(await storedOf(job)).toBe(0);
    expect((await jobRow(suite.database.db, job.id)).state).toBe('retrieving');
  });

  it('ends in UnreadableDataError with its reason, rolling back what it had stored', async () => {
    const job = await heldJob();
    const store = markSucceeded(suite.database.db, job, OWNER, {
      requestId: crypto.randomUUID(),
      answer: answer('ten dollars'),
      attempts: 1,
      statements: [],
      categorization: null,
    });
    await expect(store).rejects.toBeInstanceOf(UnreadableDataError);
    await expect(store).rejects.toMatchObject({ reason: expect.stringContaining('not an amount') });
    expect(await storedOf(job)).toBe(0);
    expect(await countRows(suite.database.db, 'accounts WHERE link_id = $1', [job.link_id])).toBe(0);
    expect((await jobRow(suite.database.db, job.id)).state).toBe('retrieving');
  });

  it('runs a procedure the thread does not list as a transaction of its own, committed or rolled back', async () => {
    const unlisted: Procedure<{ label: string; fail: boolean }, number> = {
      name: 'unlisted',
      async run(tx, { label, fail }) {
        await tx.query('CREATE TABLE IF NOT EXISTS procedure_probe (label text)');
        await tx.query('INSERT INTO procedure_probe VALUES ($1)', [label]);
        if (fail) throw new Error('changed my mind');
        return 1;
      },
    };
    expect(THREAD_PROCEDURES.has(unlisted.name)).toBe(false);
    expect(THREAD_PROCEDURES.get(storeRetrieval.name)).toBe(storeRetrieval);
    expect(await suite.database.db.perform(unlisted, { label: 'kept', fail: false })).toBe(1);
    await expect(suite.database.db.perform(unlisted, { label: 'undone', fail: true })).rejects.toThrow(
      'changed my mind',
    );
    const { rows } = await suite.database.db.query('SELECT label FROM procedure_probe');
    expect(rows).toEqual([{ label: 'kept' }]);
  });
});
