/**
 * The runner's SQL. A job is claimed with a lease (owner + expiry) through `FOR UPDATE SKIP LOCKED`, so two
 * processes never claim the same job; every later write by the owner is fenced by `lease_owner = owner`, so a
 * process that lost its lease (paused, partitioned, presumed dead) can no longer change the job.
 *
 * The lease is renewed for the process, not for each job: the runner's row in `job_runners` is extended (one
 * row, whatever the number of jobs), and a job's own `lease_expires_at`, set when it is claimed, is only the
 * least time it is left to its claimer. A job is taken over once both have passed: its claimer's row lapsed (it
 * died, or lost the database) and its own claim is older than a lease.
 */
import { RUNNABLE_JOB_STATES } from '@passbook/contracts';
import type { Database, Queryable } from '../db/database.ts';
import { sqlList } from '../db/sql.ts';
import { linksFailed } from '../links/status.ts';
import type { JobRow } from './repository.ts';

export interface ClaimedJob extends JobRow {
  login_id_encrypted: string;
  deadline_at: Date;
}

/** The owner's lease on the job is gone: another process may own it now. The job must stop writing. */
export class LeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`lease lost on job ${jobId}`);
    this.name = 'LeaseLostError';
  }
}

const RUNNABLE = sqlList(RUNNABLE_JOB_STATES);

const CLAIM = (candidates: string) => `
  UPDATE jobs j SET lease_owner = $1, lease_expires_at = now() + $2 * interval '1 millisecond',
    started_at = coalesce(j.started_at, now()),
    deadline_at = coalesce(j.deadline_at, now() + $3 * interval '1 millisecond'), updated_at = now()
  FROM links l
  WHERE l.id = j.link_id AND j.id IN (${candidates})
  RETURNING j.*, l.login_id_encrypted`;

/** Jobs nobody holds: new, released by a stopping process, or handed back after the user's MFA answers. */
const CLAIM_UNLEASED = CLAIM(`
  SELECT id FROM jobs
  WHERE lease_owner IS NULL AND state IN ${RUNNABLE} AND run_after <= now()
  ORDER BY run_after LIMIT $4
  FOR UPDATE SKIP LOCKED`);

/**
 * Jobs whose holder stopped renewing its lease: it died, or lost the database. Never one of this process's own
 * ($1): a renewal that came late (a busy database, a single embedded connection) must not make it run a job a
 * second time beside itself; one it holds but no longer runs it gives back itself (`releaseLeases`).
 */
const CLAIM_EXPIRED = CLAIM(`
  SELECT id FROM jobs held
  WHERE lease_owner IS NOT NULL AND lease_owner <> $1 AND lease_expires_at < now() AND state IN ${RUNNABLE}
    AND NOT EXISTS (SELECT 1 FROM job_runners r WHERE r.owner = held.lease_owner AND r.expires_at > now())
  ORDER BY lease_expires_at LIMIT $4
  FOR UPDATE OF held SKIP LOCKED`);

export async function claimJobs(
  db: Database,
  owner: string,
  options: { leaseMs: number; timeoutMs: number; limit: number; expired: boolean },
): Promise<ClaimedJob[]> {
  const { rows } = await db.query<ClaimedJob>(options.expired ? CLAIM_EXPIRED : CLAIM_UNLEASED, [
    owner,
    options.leaseMs,
    options.timeoutMs,
    options.limit,
  ]);
  return rows;
}

/**
 * How many runnable jobs `owner` should claim now, at most `free`. The runner registers (or renews) itself
 * with its capacity for one lease; alone, it takes all it can. Beside others, its share of all runnable work —
 * held under live or expired leases, or waiting — is proportional to its capacity among the live runners, and
 * it claims what it lacks of that share. Two instances of equal capacity thus split any backlog in half,
 * whichever of them hears of it first; a dead runner's row stops counting when it expires.
 */
/**
 * Registers (or renews) runner `$1` with its capacity `$2` for one lease of `$3` ms: a CTE that the share and
 * the heartbeat each run before their own read.
 */
const REGISTER_RUNNER = `registered AS (
  INSERT INTO job_runners (owner, capacity, expires_at)
  VALUES ($1, $2, now() + $3 * interval '1 millisecond')
  ON CONFLICT (owner) DO UPDATE SET capacity = excluded.capacity, expires_at = excluded.expires_at)`;

export async function claimShare(
  db: Queryable,
  owner: string,
  options: { capacity: number; free: number; leaseMs: number },
): Promise<number> {
  const { rows } = await db.query<{ others: number; capacity: number }>(
    `WITH ${REGISTER_RUNNER}
     SELECT count(*)::int AS others, coalesce(sum(capacity), 0)::int AS capacity
     FROM job_runners WHERE owner <> $1 AND expires_at > now()`,
    [owner, options.capacity, options.leaseMs],
  );
  const others = rows[0] ?? { others: 0, capacity: 0 };
  if (others.others === 0) return options.free;
  const { rows: work } = await db.query<{ waiting: number; held: number; mine: number }>(
    `SELECT
       (SELECT count(*)::int FROM jobs
        WHERE lease_owner IS NULL AND state IN ${RUNNABLE} AND run_after <= now()) AS waiting,
       held.total AS held, held.mine AS mine
     FROM (SELECT count(*)::int AS total, (count(*) FILTER (WHERE lease_owner = $1))::int AS mine
           FROM jobs WHERE lease_owner IS NOT NULL AND state IN ${RUNNABLE}) AS held`,
    [owner],
  );
  const { waiting = 0, held = 0, mine = 0 } = work[0] ?? {};
  const share = Math.ceil(((waiting + held) * options.capacity) / (options.capacity + others.capacity));
  return Math.max(0, Math.min(options.free, share - mine));
}

/** The runner stopped: its capacity no longer counts in the others' shares. */
export async function unregisterRunner(db: Queryable, owner: string): Promise<void> {
  await db.query('DELETE FROM job_runners WHERE owner = $1', [owner]);
}

/**
 * Extends the owner's lease on all its jobs at once (its runner's row, with its capacity) and returns which of
 * `jobIds` it still holds: one row written, however many jobs run.
 */
export async function renewLeases(
  db: Queryable,
  owner: string,
  jobIds: readonly string[],
  options: { leaseMs: number; capacity: number },
): Promise<Set<string>> {
  if (jobIds.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `WITH ${REGISTER_RUNNER}
     SELECT id FROM jobs WHERE lease_owner = $1 AND id = ANY($4::uuid[])`,
    [owner, options.capacity, options.leaseMs, jobIds],
  );
  return new Set(rows.map((row) => row.id));
}

/** Records how many polls answered "pending", for many jobs in one statement. */
export async function recordAttempts(
  db: Queryable,
  owner: string,
  attempts: ReadonlyMap<string, number>,
): Promise<void> {
  if (attempts.size === 0) return;
  await db.query(
    `UPDATE jobs j SET attempts = v.attempts, updated_at = now()
     FROM unnest($2::uuid[], $3::int[]) AS v(id, attempts)
     WHERE j.id = v.id AND j.lease_owner = $1 AND j.attempts < v.attempts`,
    [owner, [...attempts.keys()], [...attempts.values()]],
  );
}

/**
 * Gives the owner's jobs back, as they are, for any process to resume at once: all of them (a stop), or only
 * `jobIds` (those it holds but no longer runs, whose end it could not record).
 */
export async function releaseLeases(
  db: Queryable,
  owner: string,
  jobIds: readonly string[] | null = null,
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE jobs SET lease_owner = NULL, lease_expires_at = NULL
     WHERE lease_owner = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
    [owner, jobIds],
  );
  return rowCount;
}

type JobChanges = Partial<
  Pick<
    JobRow,
    | 'state'
    | 'request_id'
    | 'detail_requested'
    | 'authorize_live'
    | 'reauthorizations'
    | 'attempts'
    | 'connect_url'
    | 'mfa_expires_at'
    | 'new_transactions'
    | 'storing_transactions'
    | 'error_code'
    | 'error_message'
    | 'finished_at'
    | 'lease_owner'
    | 'lease_expires_at'
  >
>;

/** Updates the job only while `owner` holds it; throws LeaseLostError otherwise. */
export async function updateOwnedJob(
  db: Queryable,
  jobId: string,
  owner: string,
  changes: JobChanges,
): Promise<void> {
  const columns = Object.keys(changes) as (keyof JobChanges)[];
  const assignments = columns.map((column, index) => `${column} = $${index + 3}`);
  const { rowCount } = await db.query(
    `UPDATE jobs SET ${[...assignments, 'updated_at = now()'].join(', ')} WHERE id = $1 AND lease_owner = $2`,
    [jobId, owner, ...columns.map((column) => changes[column])],
  );
  if (rowCount === 0) throw new LeaseLostError(jobId);
}

/** Locks the owned job row for the rest of the transaction: the final store happens only under the lease. */
export async function lockOwnedJob(tx: Queryable, jobId: string, owner: string): Promise<void> {
  const { rows } = await tx.query('SELECT 1 FROM jobs WHERE id = $1 AND lease_owner = $2 FOR UPDATE', [
    jobId,
    owner,
  ]);
  if (rows.length === 0) throw new LeaseLostError(jobId);
}

/** Refreshes whose security questions went unanswered too long fail, and their links say why. */
export async function expireMfaJobs(db: Database, message: string): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ link_id: string }>(
      `UPDATE jobs SET state = 'failed', error_code = 'MFA_EXPIRED', error_message = $1, connect_url = NULL,
         finished_at = now(), updated_at = now()
       WHERE state = 'mfa_required' AND mfa_expires_at < now()
       RETURNING link_id`,
      [message],
    );
    await linksFailed(
      tx,
      rows.map((row) => row.link_id),
      { code: 'MFA_EXPIRED', message },
    );
    return rows.length;
  });
}
