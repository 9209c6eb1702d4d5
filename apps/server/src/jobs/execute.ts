/**
 * What a job does at Flinks, phase by phase, resuming from the phase its row records:
 *
 *   queued/authorizing → Authorize (cached for a link, live for a refresh)
 *     203 (live, or cached: real Flinks may ask even then) → fresh authorize token → mfa_required, waiting
 *       for the user in Connect
 *     200 → retrieving with the session's RequestId
 *   retrieving → GetAccountsDetail, then its Async endpoint every interval (or only the Async endpoint when
 *     the POST was already sent before a restart), GetStatements asked just before it in the same session
 *     (unless last month's are held) and collected after it → how many transactions came, recorded (the page
 *     says "saving N") → store → succeeded
 *
 * Expired sessions re-authorise (cached) a bounded number of times; transient failures back off and retry until
 * the job's deadline; anything else ends the job failed with a code and a sentence for the user.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AccountsDetailOptions,
  type AccountsDetailResponse,
  type CategorizationResponse,
  type FlinksClient,
  FlinksTimeoutError,
  isFlinksError,
  type PendingInfo,
  parseWebhookPayload,
  type StatementsResponse,
} from '@passbook/flinks';
import type { FastifyBaseLogger } from 'fastify';
import { UnreadableDataError } from '../accounts/store.ts';
import type { ResolvedConfig } from '../config.ts';
import { buildConnectUrl } from '../connect/connect-url.ts';
import type { LoginIdVault } from '../crypto/login-id-vault.ts';
import { type Database, isStorageFullError, isTransientDatabaseError } from '../db/database.ts';
import { deleteAtFlinks } from '../links/flinks-deletion.ts';
import { maskUsername } from '../links/username.ts';
import type { PushSender } from '../notifications/push.ts';
import { linkHasStatementOf } from '../statements/repository.ts';
import {
  collectStatements,
  type FetchedStatement,
  requestStatements,
  type StatementsRequested,
  statementPeriods,
} from '../statements/retrieve.ts';
import { deliveredPayload, discardPayload, requestKey } from '../webhooks/repository.ts';
import type { AnswersInHand } from './answers-in-hand.ts';
import { failureMessage } from './failures.ts';
import { LeaseLostError, updateOwnedJob } from './leases.ts';
import { markAuthorized, markAwaitingMfa, markFailed, markSucceeded } from './outcomes.ts';
import type { JobContext } from './runner.ts';
import type { JobStages } from './stages.ts';

export interface ExecutorDeps {
  db: Database;
  flinks: FlinksClient;
  vault: LoginIdVault;
  config: ResolvedConfig;
  log: FastifyBaseLogger;
  push: PushSender;
  /** Where stages are told as they happen, beside the row. */
  stages?: JobStages;
  /** Bounds the decoded answers this instance's jobs hold; none, no bound. */
  answersInHand?: AnswersInHand;
}

/** What every retrieval asks Flinks for: a year of transactions with identity and balances. */
export const DETAIL: AccountsDetailOptions = {
  withTransactions: true,
  daysOfTransactions: 'Days365',
  withAccountIdentity: true,
  withBalance: true,
};
const MAX_REAUTHORIZATIONS = 3;
const MAX_MALFORMED_POLLS = 2;
const MAX_UNEXPECTED_ERRORS = 3;
const SESSION_GONE = new Set(['SESSION_NONEXISTENT', 'SESSION_EXPIRED']);
const WEBHOOK_DELIVERED = 'webhook delivered';
/** How long a retrieval waits for Flinks' categorisation before storing with Passbook's own. */
const ENRICH_TIMEOUT_MS = 60_000;

type Next = { kind: 'retry'; delayMs: number } | { kind: 'fail'; code: string };

/** How a retrieval ended; `scheduledRefresh` is what Authorize said of the login's nightly refresh, if asked. */
export type RetrievalOutcome =
  | { kind: 'succeeded'; scheduledRefresh: boolean | null }
  | { kind: 'waiting for the user' }
  | { kind: 'failed' };

/** Every transaction of every account in an answer, as the bank sent them. */
export function transactionsIn(answer: AccountsDetailResponse): number {
  return (answer.Accounts ?? []).reduce((sum, account) => sum + (account.Transactions?.length ?? 0), 0);
}

/** What link, refresh and sync jobs do: authorise, retrieve and store, resuming from the job's row. */
export function retrieveAccounts(deps: ExecutorDeps, context: JobContext): Promise<RetrievalOutcome> {
  return new Execution(deps, context).run();
}

class Execution {
  private requestId: string | null;
  private detailRequested: boolean;
  private authorizeLive: boolean;
  private reauthorizations: number;
  private attempts: number;
  private transientFailures = 0;
  private malformedPolls = 0;
  private unexpectedErrors = 0;
  private scheduledRefresh: boolean | null = null;
  /**
   * The database last refused a step for lack of room (and no Flinks call has answered since): a job that
   * ends then ends saying so, not as a failure of ours or a slow bank.
   */
  private storageFull = false;
  /** The row says an answer is being stored: true again only once the next answer has come. */
  private storing: boolean;
  private readonly deadline: number;
  private readonly deadlineSignal: AbortSignal;
  /** Aborted on shutdown, lease loss or the deadline. */
  private readonly signal: AbortSignal;
  /** The statements asked for in this attempt's session, once collected if they were. */
  private statementsRequested: StatementsRequested | null = null;
  /** Flinks' categorisation, once asked for in this attempt (null: unavailable). */
  private categorized: CategorizationResponse | null | undefined;
  /** Gives back this attempt's place among the answers in hand, when it holds one. */
  private giveBackAnswer: (() => void) | null = null;

  constructor(
    private readonly deps: ExecutorDeps,
    private readonly context: JobContext,
  ) {
    const { job } = context;
    this.requestId = job.request_id;
    this.detailRequested = job.detail_requested;
    this.authorizeLive = job.authorize_live;
    this.reauthorizations = job.reauthorizations;
    this.attempts = job.attempts;
    this.storing = job.storing_transactions !== null;
    this.deadline = job.deadline_at.getTime();
    this.deadlineSignal = AbortSignal.timeout(Math.max(0, this.deadline - Date.now()));
    this.signal = AbortSignal.any([context.signal, this.deadlineSignal]);
  }

  private get job() {
    return this.context.job;
  }

  async run(): Promise<RetrievalOutcome> {
    let delayMs = 0;
    for (;;) {
      try {
        if (delayMs > 0) await sleep(delayMs, undefined, { signal: this.signal });
        const loginId = this.deps.vault.decrypt(this.job.login_id_encrypted, this.job.link_id);
        if (this.requestId === null) {
          const authorized = await this.authorize(loginId);
          if (authorized === 'waiting for the user') return { kind: 'waiting for the user' };
          if (authorized === 'already linked') return { kind: 'failed' };
        }
        const requestId = this.requestId;
        if (requestId === null) throw new Error('no RequestId after authorisation');
        this.statementsRequested = await this.requestStatements(requestId);
        this.categorized = undefined;
        if (this.storing) {
          // A store that did not finish (a failure, another instance's crash): the bank is asked again.
          await updateOwnedJob(this.deps.db, this.job.id, this.context.owner, { storing_transactions: null });
          this.storing = false;
        }
        const answer = await this.retrieve(requestId, loginId);
        const statements = await this.collectStatements(requestId, answer);
        const categorization = await this.categoriesInHand(loginId, requestId);
        const storingTransactions = transactionsIn(answer);
        await updateOwnedJob(this.deps.db, this.job.id, this.context.owner, {
          storing_transactions: storingTransactions,
        });
        this.storing = true;
        this.deps.stages?.announce(this.job.user_id, {
          jobId: this.job.id,
          stage: 'storing',
          storingTransactions,
        });
        // Let the event go out before the store takes the process's attention.
        await new Promise((resolve) => setImmediate(resolve));
        const newTransactions = await markSucceeded(this.deps.db, this.job, this.context.owner, {
          requestId,
          answer,
          attempts: this.attempts,
          statements,
          categorization,
        });
        this.deps.log.info({ jobId: this.job.id, newTransactions }, 'job succeeded');
        return { kind: 'succeeded', scheduledRefresh: this.scheduledRefresh };
      } catch (error) {
        if (this.context.signal.aborted || error instanceof LeaseLostError) throw error;
        const next = await this.decide(error);
        if (next.kind === 'fail') {
          await this.fail(next.code);
          return { kind: 'failed' };
        }
        delayMs = next.delayMs;
      } finally {
        this.giveBackAnswer?.();
        this.giveBackAnswer = null;
      }
    }
  }

  /**
   * Before the retrieval's data (its 200 answer, whatever its size) is decoded: what is stored with it (the
   * statements, Flinks' categories) is collected first, then the job waits for a place among the answers in
   * hand, so that between decoding and storing it waits for the database alone. Small answers take a place
   * too: ten thousand of them ready together would otherwise all be decoded and queued for the database at
   * once, a heap whose collections held the event loop for seconds.
   */
  private async beforeDecodingAnswer(status: number, requestId: string, loginId: string): Promise<void> {
    const places = this.deps.answersInHand;
    if (places === undefined || status !== 200 || this.giveBackAnswer !== null) return;
    await this.statementsInHand(requestId);
    await this.categoriesInHand(loginId, requestId);
    this.giveBackAnswer = await places.take(this.signal);
  }

  /** Flinks' categorisation, asked for once per attempt; null without Enrich or when it cannot be had. */
  private async categoriesInHand(loginId: string, requestId: string): Promise<CategorizationResponse | null> {
    if (!this.deps.config.flinks.enrich) return null;
    if (this.categorized === undefined) this.categorized = await this.categorization(loginId, requestId);
    return this.categorized;
  }

  /**
   * Flinks' categorisation of the retrieval (Enrich), or null when it cannot be had: a failure here never
   * fails the retrieval, whose transactions then take Passbook's own categories. The log says why, by code.
   * A 202 (the categorisation still being made) is asked again every poll interval, within the time allowed.
   */
  private async categorization(loginId: string, requestId: string): Promise<CategorizationResponse | null> {
    const signal = AbortSignal.any([this.signal, AbortSignal.timeout(ENRICH_TIMEOUT_MS)]);
    try {
      for (;;) {
        try {
          return await this.deps.flinks.getCategorization(loginId, requestId, { signal });
        } catch (error) {
          if (!isFlinksError(error) || error.flinksCode !== 'OPERATION_PENDING') throw error;
          await sleep(this.deps.config.flinks.pollIntervalMs, undefined, { signal });
        }
      }
    } catch (error) {
      if (this.signal.aborted) throw error;
      const reason = isFlinksError(error)
        ? { code: error.flinksCode, status: error.status ?? null }
        : { code: signal.aborted ? 'ENRICH_TIMEOUT' : 'UNEXPECTED_ERROR', status: null };
      this.deps.log.warn(
        { jobId: this.job.id, ...reason },
        'Flinks categorisation unavailable; categories from Passbook rules',
      );
      return null;
    }
  }

  /** Authorises, and says whether the job must now wait for the user's security answers. */
  private async authorize(
    loginId: string,
  ): Promise<'authorized' | 'waiting for the user' | 'already linked'> {
    const { db, flinks, config } = this.deps;
    await updateOwnedJob(db, this.job.id, this.context.owner, { state: 'authorizing' });
    const result = await flinks.authorize(
      { loginId, mostRecentCached: !this.authorizeLive },
      { signal: this.signal },
    );
    if (result.kind === 'mfa_required') {
      // A cached Authorize is no promise of no MFA: whichever call asked, the person answers in Connect.
      const authorizeToken = await flinks.generateAuthorizeToken({ signal: this.signal });
      await markAwaitingMfa(db, this.job, this.context.owner, {
        requestId: result.requestId,
        connectUrl: buildConnectUrl(config, { authorizeToken, requestId: result.requestId }),
        expiresAt: new Date(Date.now() + config.jobs.mfaTimeoutMs),
        attempts: this.attempts,
      });
      this.deps.log.info({ jobId: this.job.id }, 'job waiting for security answers');
      return 'waiting for the user';
    }
    // The RequestId is the job's once its row holds it: after a failed write here, the retry Authorizes again
    // (from the cache, the live one having happened) and records what this one could not.
    this.authorizeLive = false;
    const recognition = await markAuthorized(db, this.deps.vault, this.job, this.context.owner, {
      requestId: result.requestId,
      institution: result.institution,
      usernameMasked: maskUsername(result.username),
      loginId,
      bankLoginKey:
        result.institution && result.username
          ? this.deps.vault.bankLoginKey(result.institution, result.username)
          : null,
      failureMessage: failureMessage('ALREADY_LINKED', config.flinks.pollTimeoutMs),
    });
    this.requestId = result.requestId;
    this.scheduledRefresh = result.isScheduledRefresh;
    this.detailRequested = false;
    this.transientFailures = 0;
    if (recognition.kind === 'already linked') {
      this.deps.log.info({ jobId: this.job.id, linkId: recognition.linkId }, 'bank login linked already');
      await this.forgetAtFlinks(loginId);
      return 'already linked';
    }
    if (recognition.kind === 'reconnected') {
      // The job now works for the link it reconnected, with the new LoginId as that link holds it.
      Object.assign(this.context.job, {
        link_id: recognition.linkId,
        login_id_encrypted: recognition.loginIdEncrypted,
      });
      this.deps.log.info({ jobId: this.job.id, linkId: recognition.linkId }, 'link reconnected');
      if (recognition.retiredLoginId !== null) await this.forgetAtFlinks(recognition.retiredLoginId);
    }
    return 'authorized';
  }

  /** A LoginId no link holds any more, deleted at Flinks; a failure is logged, never the job's. */
  private async forgetAtFlinks(loginId: string): Promise<void> {
    try {
      await deleteAtFlinks(this.deps.flinks, loginId, this.deps.config.flinks.pollIntervalMs);
    } catch (error) {
      this.deps.log.warn(
        { jobId: this.job.id, code: isFlinksError(error) ? error.flinksCode : undefined },
        'a LoginId no link holds could not be deleted at Flinks',
      );
    }
  }

  /**
   * The session's data: from GetAccountsDetail and its Async polling, or from a webhook delivery for the same
   * RequestId, whichever comes first — polling stops as soon as a delivery is seen.
   */
  private async retrieve(requestId: string, loginId: string): Promise<AccountsDetailResponse> {
    const webhooks = this.deps.config.flinks.webhookSecret !== null;
    if (webhooks) {
      const delivered = await this.deliveredAnswer(requestId, loginId);
      if (delivered) return delivered;
    }
    const stopPolling = new AbortController();
    const unwatch = webhooks
      ? this.context.watchWebhook(requestKey(requestId), () => stopPolling.abort(WEBHOOK_DELIVERED))
      : () => undefined;
    const signal = AbortSignal.any([this.signal, stopPolling.signal]);
    const isPost = !this.detailRequested;
    const onPending = async (info: PendingInfo) => {
      if (isPost && info.attempt === 1) {
        // The POST was accepted: after a restart, resume by polling instead of asking again.
        this.detailRequested = true;
        await updateOwnedJob(this.deps.db, this.job.id, this.context.owner, { detail_requested: true });
        return;
      }
      this.attempts += 1;
      this.context.reportAttempts(this.attempts);
    };
    const beforeDecode = (_length: number, status: number) =>
      this.beforeDecodingAnswer(status, requestId, loginId);
    try {
      return isPost
        ? await this.deps.flinks.getAccountsDetail(requestId, DETAIL, { signal, onPending, beforeDecode })
        : await this.deps.flinks.pollAccountsDetail(requestId, { signal, onPending, beforeDecode });
    } catch (error) {
      if (stopPolling.signal.aborted && !this.signal.aborted) {
        const delivered = await this.deliveredAnswer(requestId, loginId);
        if (delivered) return delivered;
        return this.retrieve(requestId, loginId);
      }
      throw error;
    } finally {
      unwatch();
    }
  }

  /**
   * The bank's statements, in the same session, unless the link already holds last month's (they change once
   * a month): asked for before the accounts, collected after them. They are secondary: whatever goes wrong
   * with them (a bank that has none, a Flinks error, the deadline) is logged by code and the job stores its
   * accounts without them; the next retrieval asks again.
   */
  private async requestStatements(requestId: string): Promise<StatementsRequested | null> {
    const [latest] = statementPeriods(new Date(), 1);
    if (latest === undefined || (await linkHasStatementOf(this.deps.db, this.job.link_id, latest)))
      return null;
    try {
      return await requestStatements(this.deps.flinks, requestId, this.signal);
    } catch (error) {
      this.statementsFailed(error);
      return null;
    }
  }

  /** The statements asked for, polled now if they were still being prepared; null once they failed. */
  private async statementsInHand(requestId: string): Promise<StatementsResponse | null> {
    const requested = this.statementsRequested;
    if (requested?.kind !== 'pending') return requested?.answer ?? null;
    try {
      const answer = await this.deps.flinks.pollStatements(requestId, { signal: this.signal });
      this.statementsRequested = { kind: 'ready', answer };
      return answer;
    } catch (error) {
      this.statementsFailed(error);
      this.statementsRequested = null;
      return null;
    }
  }

  private async collectStatements(
    requestId: string,
    answer: AccountsDetailResponse,
  ): Promise<FetchedStatement[]> {
    const result = await this.statementsInHand(requestId);
    if (result === null) return [];
    try {
      return await collectStatements(this.deps, this.job.link_id, result, answer, new Date());
    } catch (error) {
      this.statementsFailed(error);
      return [];
    }
  }

  private statementsFailed(error: unknown): void {
    if (this.context.signal.aborted) throw error;
    this.deps.log.warn(
      { jobId: this.job.id, code: isFlinksError(error) ? error.flinksCode : 'UNEXPECTED' },
      'statements not retrieved',
    );
  }

  /**
   * A delivered result for this RequestId, if one came and is this login's: a signature proves the body came
   * from Flinks, not that it is about this job's login, so a body naming another Login is never stored here.
   */
  private async deliveredAnswer(requestId: string, loginId: string): Promise<AccountsDetailResponse | null> {
    const { db, log } = this.deps;
    const sealed = await deliveredPayload(db, requestId);
    if (sealed === null) return null;
    try {
      const parsed = parseWebhookPayload(this.deps.vault.openPayload(sealed, requestKey(requestId)));
      if (parsed.kind === 'accounts_detail') {
        if (parsed.payload.Login?.Id?.toLowerCase() === loginId.toLowerCase()) return parsed.payload;
        log.warn({ jobId: this.job.id }, 'webhook for another login discarded');
      }
    } catch (error) {
      log.warn(
        { jobId: this.job.id, code: isFlinksError(error) ? error.flinksCode : undefined },
        'webhook unusable',
      );
    }
    await discardPayload(db, requestId);
    return null;
  }

  private async decide(error: unknown): Promise<Next> {
    // A restarting embedded engine (PGLITE_UNAVAILABLE, after it could not write its WAL) leaves it as it was.
    if (isStorageFullError(error)) this.storageFull = true;
    else if (isFlinksError(error)) this.storageFull = false;
    if (error instanceof FlinksTimeoutError) return { kind: 'fail', code: 'TIMEOUT' };
    if (this.deadlineSignal.aborted)
      return { kind: 'fail', code: this.storageFull ? 'STORAGE_FULL' : 'TIMEOUT' };
    if (error instanceof UnreadableDataError) {
      this.deps.log.warn({ jobId: this.job.id, reason: error.reason }, 'Flinks data unreadable');
      return { kind: 'fail', code: 'MALFORMED_RESPONSE' };
    }
    if (isTransientDatabaseError(error)) {
      // The database went away (restart, network) or its disk is full: the job goes on from its row later.
      this.deps.log.warn({ jobId: this.job.id, err: error }, 'job step failed: database unavailable');
      this.transientFailures += 1;
      return this.retryLater(this.storageFull ? 'STORAGE_FULL' : 'INTERNAL', this.transientFailures);
    }
    if (!isFlinksError(error)) {
      this.deps.log.error({ err: error, jobId: this.job.id }, 'job step failed unexpectedly');
      this.unexpectedErrors += 1;
      return this.unexpectedErrors > MAX_UNEXPECTED_ERRORS
        ? { kind: 'fail', code: 'INTERNAL' }
        : this.retryLater('INTERNAL', this.unexpectedErrors);
    }
    // Every call of a job stands on its LoginId: INVALID_LOGIN says Flinks no longer knows that LoginId
    // (deleted, or another instance), not that the person's password is wrong.
    const code = error.flinksCode === 'INVALID_LOGIN' ? 'LOGIN_UNKNOWN' : error.flinksCode;
    this.deps.log.info({ jobId: this.job.id, code, status: error.status }, 'job step failed');
    if (SESSION_GONE.has(code)) {
      if (this.reauthorizations >= MAX_REAUTHORIZATIONS) return { kind: 'fail', code };
      this.reauthorizations += 1;
      this.requestId = null;
      this.detailRequested = false;
      await updateOwnedJob(this.deps.db, this.job.id, this.context.owner, {
        state: 'authorizing',
        request_id: null,
        detail_requested: false,
        reauthorizations: this.reauthorizations,
      });
      return { kind: 'retry', delayMs: 0 };
    }
    // Polling has no side effect: a garbled answer to it may be a one-off worth another look.
    if (code === 'MALFORMED_RESPONSE' && this.detailRequested && this.malformedPolls < MAX_MALFORMED_POLLS) {
      this.malformedPolls += 1;
      return this.retryLater(code, this.malformedPolls);
    }
    if (error.retryable) {
      this.transientFailures += 1;
      return this.retryLater(code, this.transientFailures);
    }
    return { kind: 'fail', code };
  }

  /** Exponential from one poll interval up to a minute, with jitter; failing with `code` past the deadline. */
  private retryLater(code: string, failures: number): Next {
    const interval = this.deps.config.flinks.pollIntervalMs;
    const capped = Math.min(interval * 2 ** Math.min(failures - 1, 20), Math.max(60_000, interval));
    const delayMs = Math.round(capped * (0.5 + Math.random() * 0.5));
    return Date.now() + delayMs >= this.deadline ? { kind: 'fail', code } : { kind: 'retry', delayMs };
  }

  private async fail(code: string): Promise<void> {
    const message = failureMessage(code, this.deps.config.flinks.pollTimeoutMs);
    await markFailed(this.deps.db, this.job, this.context.owner, { code, message, attempts: this.attempts });
    this.deps.log.info({ jobId: this.job.id, code }, 'job failed');
  }
}
