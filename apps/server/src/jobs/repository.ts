/**
 * Job rows as the API sees them: creation (one unfinished job per LoginId), the MFA hand-back, and reads scoped
 * by user. What the runner does with leases lives in leases.ts.
 */
import {
  type Job,
  type JobKind,
  type JobStage,
  type JobState,
  TERMINAL_JOB_STATES,
} from '@passbook/contracts';
import type { Queryable } from '../db/database.ts';
import { sqlList } from '../db/sql.ts';
import { jobDefinition } from './definitions.ts';

export interface JobRow {
  id: string;
  user_id: string;
  link_id: string;
  login_id_hash: string;
  kind: JobKind;
  /** What the kind's definition declares its jobs carry. */
  payload: unknown;
  state: JobState;
  authorize_live: boolean;
  attempts: number;
  request_id: string | null;
  detail_requested: boolean;
  reauthorizations: number;
  connect_url: string | null;
  new_transactions: number | null;
  /** Set once the bank's answer has come: how many transactions it holds, being stored. */
  storing_transactions: number | null;
  error_code: string | null;
  error_message: string | null;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  deadline_at: Date | null;
  mfa_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export const UNFINISHED = `state NOT IN ${sqlList(TERMINAL_JOB_STATES)}`;

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** The stage a person reads from the job's row: only what has really happened. */
export function jobStage(row: Pick<JobRow, 'state' | 'storing_transactions'>): JobStage {
  switch (row.state) {
    case 'queued':
      return 'starting';
    case 'authorizing':
      return 'signing_in';
    case 'retrieving':
      return row.storing_transactions === null ? 'waiting_for_bank' : 'storing';
    case 'mfa_required':
      return 'security_question';
    case 'succeeded':
      return 'finished';
    case 'failed':
      return 'stopped';
  }
}

/** What the browser may see of a job: no RequestId, no lease, no LoginId hash. */
export function presentJob(row: JobRow): Job {
  const stage = jobStage(row);
  return {
    id: row.id,
    linkId: row.link_id,
    kind: row.kind,
    state: row.state,
    stage,
    storingTransactions: stage === 'storing' ? row.storing_transactions : null,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    connectUrl: row.state === 'mfa_required' ? row.connect_url : null,
    newTransactions: row.state === 'succeeded' ? row.new_transactions : null,
    error:
      row.state === 'failed' && row.error_code !== null
        ? { code: row.error_code, message: row.error_message ?? '' }
        : null,
  };
}

export async function findJob(db: Queryable, userId: string, jobId: string): Promise<JobRow | null> {
  const { rows } = await db.query<JobRow>('SELECT * FROM jobs WHERE id = $1 AND user_id = $2', [
    jobId,
    userId,
  ]);
  return rows[0] ?? null;
}

export async function findUnfinishedJob(db: Queryable, linkId: string): Promise<JobRow | null> {
  const { rows } = await db.query<JobRow>(`SELECT * FROM jobs WHERE link_id = $1 AND ${UNFINISHED}`, [
    linkId,
  ]);
  return rows[0] ?? null;
}

export async function findUnfinishedJobs(db: Queryable, linkIds: readonly string[]): Promise<JobRow[]> {
  if (linkIds.length === 0) return [];
  const { rows } = await db.query<JobRow>(
    `SELECT * FROM jobs WHERE link_id = ANY($1::uuid[]) AND ${UNFINISHED}`,
    [linkIds],
  );
  return rows;
}

/**
 * Inserts a job unless the LoginId already has an unfinished one (for any user: Flinks allows one session per
 * login). Returns null in that case.
 */
export async function insertJob(
  db: Queryable,
  job: { userId: string; linkId: string; loginIdHash: string; kind: JobKind; payload?: unknown },
): Promise<JobRow | null> {
  const definition = jobDefinition(job.kind);
  const payload = definition.payload.parse(job.payload ?? {});
  const { rows } = await db.query<JobRow>(
    `INSERT INTO jobs (id, user_id, link_id, login_id_hash, kind, payload, state, authorize_live)
     VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7)
     ON CONFLICT (login_id_hash) WHERE ${UNFINISHED} DO NOTHING
     RETURNING *`,
    [
      crypto.randomUUID(),
      job.userId,
      job.linkId,
      job.loginIdHash,
      job.kind,
      JSON.stringify(payload),
      definition.authorizeLive,
    ],
  );
  return rows[0] ?? null;
}

/**
 * Inserts many jobs in one statement, skipping each whose LoginId has an unfinished job already; returns how
 * many were created.
 */
export async function insertJobs(
  db: Queryable,
  jobs: readonly { userId: string; linkId: string; loginIdHash: string; kind: JobKind; payload?: unknown }[],
): Promise<number> {
  if (jobs.length === 0) return 0;
  const { rowCount } = await db.query(
    `INSERT INTO jobs (id, user_id, link_id, login_id_hash, kind, payload, state, authorize_live)
     SELECT id, user_id, link_id, login_id_hash, kind, payload, 'queued', authorize_live
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[], $7::boolean[])
       AS v(id, user_id, link_id, login_id_hash, kind, payload, authorize_live)
     ON CONFLICT (login_id_hash) WHERE ${UNFINISHED} DO NOTHING`,
    [
      jobs.map(() => crypto.randomUUID()),
      jobs.map((job) => job.userId),
      jobs.map((job) => job.linkId),
      jobs.map((job) => job.loginIdHash),
      jobs.map((job) => job.kind),
      jobs.map((job) => JSON.stringify(jobDefinition(job.kind).payload.parse(job.payload ?? {}))),
      jobs.map((job) => jobDefinition(job.kind).authorizeLive),
    ],
  );
  return rowCount;
}

/** A link's jobs belong to another link from now on: the link they were made for is that one connected again. */
export async function moveJobs(db: Queryable, fromLinkId: string, toLinkId: string): Promise<void> {
  await db.query('UPDATE jobs SET link_id = $2, updated_at = now() WHERE link_id = $1', [
    fromLinkId,
    toLinkId,
  ]);
}

/**
 * Ends an unfinished job from outside the runner (its link is being removed). The lease goes with it, so the
 * runner's next fenced write fails and it stops working on the job.
 */
export async function stopJob(
  db: Queryable,
  jobId: string,
  failure: { code: string; message: string },
): Promise<void> {
  await db.query(
    `UPDATE jobs SET state = 'failed', error_code = $2, error_message = $3, finished_at = now(),
       lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
     WHERE id = $1 AND ${UNFINISHED}`,
    [jobId, failure.code, failure.message],
  );
}

/**
 * The user answered the bank's questions inside Connect: the waiting refresh goes back to the queue, to finish
 * with a cached authorisation (the live session was completed in Connect) and a retrieval.
 */
export async function resumeAfterMfa(db: Queryable, jobId: string): Promise<JobRow | null> {
  const { rows } = await db.query<JobRow>(
    `UPDATE jobs SET state = 'queued', authorize_live = false, request_id = NULL, detail_requested = false,
       connect_url = NULL, mfa_expires_at = NULL, deadline_at = NULL, run_after = now(), updated_at = now()
     WHERE id = $1 AND state = 'mfa_required'
     RETURNING *`,
    [jobId],
  );
  return rows[0] ?? null;
}
