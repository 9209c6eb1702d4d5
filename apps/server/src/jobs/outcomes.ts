/**
 * The writes that move a job (and its link) from one phase to the next, each fenced by the lease. The final
 * store and the job's success commit together, so a job's data is stored exactly once.
 */
import type { AccountsDetailResponse, CategorizationResponse } from '@passbook/flinks';
import { checkBalances } from '../accounts/balance-check.ts';
import { storeAccountsDetail } from '../accounts/store.ts';
import { categorizeNewTransactions, categorizerFor } from '../categories/apply.ts';
import { applyFlinksCategories, flinksCategoriesOf } from '../categories/flinks.ts';
import type { LoginIdVault } from '../crypto/login-id-vault.ts';
import type { Database, Procedure, Queryable } from '../db/database.ts';
import { type Recognition, recogniseBankLogin } from '../links/bank-login.ts';
import { linkNeedsPerson, linkRetrieved, linkSignedIn, linksFailed } from '../links/status.ts';
import { storeStatements } from '../statements/repository.ts';
import type { FetchedStatement } from '../statements/retrieve.ts';
import { requestKey } from '../webhooks/repository.ts';
import { type ClaimedJob, lockOwnedJob, updateOwnedJob } from './leases.ts';

const RELEASED = { lease_owner: null, lease_expires_at: null } as const;

/**
 * Authorize answered: the job goes on to the retrieval, and its link learns its bank's name, its masked
 * username and which bank login it is. A new link that is a login the person has linked already becomes that
 * link (reconnected) or ends here (already linked): `links/bank-login.ts` decides.
 */
export async function markAuthorized(
  db: Database,
  vault: LoginIdVault,
  job: ClaimedJob,
  owner: string,
  authorized: {
    requestId: string;
    institution: string | null;
    usernameMasked: string | null;
    loginId: string;
    bankLoginKey: string | null;
    failureMessage: string;
  },
): Promise<Recognition> {
  return db.transaction(async (tx) => {
    await updateOwnedJob(tx, job.id, owner, {
      state: 'retrieving',
      request_id: authorized.requestId,
      detail_requested: false,
      authorize_live: false,
    });
    const recognition: Recognition =
      authorized.bankLoginKey === null
        ? { kind: 'own' }
        : await recogniseBankLogin(tx, vault, {
            linkId: job.link_id,
            userId: job.user_id,
            loginId: authorized.loginId,
            loginIdHash: job.login_id_hash,
            bankLoginKey: authorized.bankLoginKey,
          });
    if (recognition.kind === 'already linked') {
      // The link the person has is untouched: only this job, now its, says what happened.
      await updateOwnedJob(tx, job.id, owner, {
        state: 'failed',
        error_code: 'ALREADY_LINKED',
        error_message: authorized.failureMessage,
        finished_at: new Date(),
        ...RELEASED,
      });
      return recognition;
    }
    const linkId = recognition.kind === 'reconnected' ? recognition.linkId : job.link_id;
    await linkSignedIn(tx, linkId, authorized);
    return recognition;
  });
}

export async function markAwaitingMfa(
  db: Database,
  job: ClaimedJob,
  owner: string,
  waiting: { requestId: string; connectUrl: string; expiresAt: Date; attempts: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await updateOwnedJob(tx, job.id, owner, {
      state: 'mfa_required',
      request_id: waiting.requestId,
      connect_url: waiting.connectUrl,
      mfa_expires_at: waiting.expiresAt,
      attempts: waiting.attempts,
      ...RELEASED,
    });
    await linkNeedsPerson(tx, job.link_id);
  });
}

/** A retrieval to store, as plain data: `storeRetrieval` may run it in PGlite's thread. */
export interface RetrievalToStore {
  job: Pick<ClaimedJob, 'id' | 'link_id' | 'user_id'>;
  owner: string;
  requestId: string;
  answer: AccountsDetailResponse;
  attempts: number;
  statements: readonly FetchedStatement[];
  categorization: CategorizationResponse | null;
}

/**
 * Stores the answer, categorises each new transaction once (the person's rules, Flinks' categorisation when
 * given, Passbook's own: a new account's as it is loaded, a known one's after), ends the job and marks the
 * answer's webhook (if one comes) as already consumed. A procedure (`Database.perform`): PGlite's thread runs
 * its statements itself.
 */
export const storeRetrieval: Procedure<RetrievalToStore, number> = {
  name: 'storeRetrieval',
  async run(tx, { job, owner, ...result }) {
    await lockOwnedJob(tx, job.id, owner);
    const link = { id: job.link_id, userId: job.user_id };
    const flinks = result.categorization ? flinksCategoriesOf(result.categorization.Transactions) : null;
    // The accounts this answer creates are loaded categorised; a known account's new transactions, and the
    // pairing of transfers, are categorising's after the store.
    const newTransactions = await storeAccountsDetail(
      tx,
      link,
      result.answer,
      new Date(),
      await categorizerFor(tx, job.user_id, flinks),
    );
    await storeStatements(tx, link, result.statements);
    await checkBalances(tx, job.link_id);
    await categorizeNewTransactions(tx, job.user_id, flinks && { linkId: job.link_id, ...flinks });
    // Those stored before, by a retrieval without Enrich, take Flinks' category now.
    if (flinks) await applyFlinksCategories(tx, link, flinks);
    await finishJob(tx, job, owner, {
      state: 'succeeded',
      newTransactions,
      attempts: result.attempts,
      institution: result.answer.InstitutionName?.trim() || null,
    });
    await tx.query(
      `INSERT INTO webhook_events (request_id, response_type, payload, deliveries, consumed_at)
       VALUES ($1, 'GetAccountsDetail', NULL, 0, now())
       ON CONFLICT (request_id, response_type) DO UPDATE SET payload = NULL, consumed_at = now()`,
      [requestKey(result.requestId)],
    );
    return newTransactions;
  },
};

export function markSucceeded(
  db: Database,
  job: ClaimedJob,
  owner: string,
  result: Omit<RetrievalToStore, 'job' | 'owner'>,
): Promise<number> {
  const { id, link_id, user_id } = job;
  return db.perform(storeRetrieval, { job: { id, link_id, user_id }, owner, ...result });
}

/** Why a job failed, as the person and the job's row will read it. */
export interface Failure {
  code: string;
  message: string;
  attempts: number;
}

export async function markFailed(
  db: Database,
  job: ClaimedJob,
  owner: string,
  failure: Failure,
): Promise<void> {
  await db.transaction((tx) => finishJob(tx, job, owner, { state: 'failed', ...failure }));
}

export type JobEnding =
  | { state: 'succeeded'; newTransactions: number; attempts: number; institution: string | null }
  | ({ state: 'failed' } & Failure);

/**
 * The one place a job ends, however it ends (its data stored, a failure the flow decided, a crash): the job and
 * its link change together inside the caller's transaction, so a link never stays "pending" behind a job that
 * is over.
 */
export async function finishJob(
  tx: Queryable,
  job: Pick<ClaimedJob, 'id' | 'link_id'>,
  owner: string,
  ending: JobEnding,
): Promise<void> {
  const finished = { attempts: ending.attempts, finished_at: new Date(), ...RELEASED };
  if (ending.state === 'succeeded') {
    await updateOwnedJob(tx, job.id, owner, {
      state: 'succeeded',
      new_transactions: ending.newTransactions,
      ...finished,
    });
    await linkRetrieved(tx, job.link_id, ending.institution);
    return;
  }
  // A delivered result this job will never store is not kept.
  await tx.query(
    `UPDATE webhook_events SET payload = NULL
     WHERE payload IS NOT NULL AND request_id = (SELECT lower(request_id) FROM jobs WHERE id = $1)`,
    [job.id],
  );
  await updateOwnedJob(tx, job.id, owner, {
    state: 'failed',
    error_code: ending.code,
    error_message: ending.message,
    ...finished,
  });
  await linksFailed(tx, [job.link_id], ending);
}
