/**
 * Runs jobs durably. Jobs are rows; this process claims runnable ones in batches under a lease, executes each
 * as a chain of awaits (a job waiting on Flinks is a timer, not a thread), renews all its leases at once (its
 * own row, not each job's), and records progress in batches, so thousands of waiting jobs cost a few
 * statements a second.
 *
 * When the process stops it stops claiming, aborts its jobs where they stand and releases their leases: the
 * rows keep their phase (and RequestId), so the next start or another instance resumes them at once. When it
 * dies instead, its leases expire and another process takes the jobs over.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.ts';
import { failureMessage } from './failures.ts';
import {
  type ClaimedJob,
  claimJobs,
  claimShare,
  expireMfaJobs,
  LeaseLostError,
  recordAttempts,
  releaseLeases,
  renewLeases,
  unregisterRunner,
} from './leases.ts';
import { markFailed } from './outcomes.ts';

export interface JobContext {
  readonly job: ClaimedJob;
  /** This process's lease owner id, for fenced writes. */
  readonly owner: string;
  /** Aborted when the process stops or the lease is lost: the job must then stop without writing. */
  readonly signal: AbortSignal;
  /** Polls answered "pending" so far; written in the next batch. */
  reportAttempts(attempts: number): void;
  /** Calls `onDelivered` when a webhook brings this request's result (here or to another instance). */
  watchWebhook(requestId: string, onDelivered: () => void): () => void;
}

export type JobExecutor = (context: JobContext) => Promise<void>;

export interface RunnerOptions {
  db: Database;
  log: FastifyBaseLogger;
  owner: string;
  execute: JobExecutor;
  concurrency: number;
  leaseMs: number;
  claimIntervalMs: number;
  /** Cap on a job's whole run, from its first claim. */
  jobTimeoutMs: number;
  mfaExpiredMessage: string;
  /** When webhooks are enabled: which of these RequestIds have a delivered, unconsumed result. */
  deliveredWebhooks?: (requestIds: string[]) => Promise<string[]>;
  /** Creates the jobs whose schedule says they are due (on each claim tick); returns how many. */
  enqueueScheduled?: () => Promise<number>;
}

/** Why a job was aborted from outside. */
export const STOPPING = 'stopping';
export const LEASE_LOST = 'lease lost';

const CLAIM_BATCH = 200;
const PROGRESS_FLUSH_MS = 500;

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

export class JobRunner {
  private readonly running = new Map<string, Running>();
  private readonly attempts = new Map<string, number>();
  private readonly webhookWatchers = new Map<string, () => void>();
  /** Jobs this process holds but no longer runs, whose end it could not record: given back on a heartbeat. */
  private readonly unreleased = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private claiming: Promise<void> | null = null;
  /** The last scheduled enqueue started, which the next one waits for. */
  private scheduling: Promise<unknown> = Promise.resolve();
  private claimAgain = false;
  private claimExpiredAgain = false;
  private stopped = true;
  private lastRenewal = Date.now();

  constructor(private readonly options: RunnerOptions) {}

  get owner(): string {
    return this.options.owner;
  }

  /** Jobs this process is executing now. */
  get size(): number {
    return this.running.size;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.lastRenewal = Date.now();
    const every = (ms: number, task: () => Promise<unknown>, what: string) => {
      const timer = setInterval(() => {
        task().catch((error) => this.options.log.error({ err: error }, `job runner: ${what} failed`));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    // New and released jobs are claimed when woken (and on every tick, for those other processes made);
    // jobs of a process that died are looked for on the ticks only.
    every(
      this.options.claimIntervalMs,
      async () => {
        await this.enqueueScheduled().finally(() => this.wake(true));
      },
      'claim',
    );
    every(Math.max(100, Math.floor(this.options.leaseMs / 3)), () => this.heartbeat(), 'heartbeat');
    every(PROGRESS_FLUSH_MS, () => this.flushProgress(), 'progress');
    this.wake(true);
  }

  /**
   * Creates the jobs that are due on schedule, and claims them if any were made. One run at a time in this
   * process, each after the one before (the timer's and a caller's): two at once, each taking due links and
   * inserting their jobs under the one-unfinished-job-per-LoginId index, were seen to deadlock on PostgreSQL.
   */
  async enqueueScheduled(): Promise<number> {
    const enqueue = this.options.enqueueScheduled;
    if (this.stopped || !enqueue) return 0;
    const run = this.scheduling.catch(() => undefined).then(() => (this.stopped ? 0 : enqueue()));
    this.scheduling = run;
    const created = await run;
    if (created > 0) this.wake();
    return created;
  }

  /** Claims runnable jobs now (a job was just created, or a slot freed up). */
  wake(expired = false): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.claimAgain = true;
      this.claimExpiredAgain ||= expired;
      return;
    }
    this.claiming = this.claimWhileCapacity(expired)
      .catch((error) => this.options.log.error({ err: error }, 'job runner: claim failed'))
      .finally(() => {
        this.claiming = null;
        if (this.claimAgain) {
          const again = this.claimExpiredAgain;
          this.claimAgain = false;
          this.claimExpiredAgain = false;
          this.wake(again);
        }
      });
  }

  private async claimWhileCapacity(expired: boolean): Promise<void> {
    for (const kind of expired ? [true, false] : [false]) {
      while (!this.stopped) {
        const { db, owner, concurrency, leaseMs, jobTimeoutMs } = this.options;
        const free = concurrency - this.running.size;
        if (free <= 0) return;
        const share = await claimShare(db, owner, { capacity: concurrency, free, leaseMs });
        if (share <= 0) return;
        const limit = Math.min(share, CLAIM_BATCH);
        const jobs = await claimJobs(db, owner, {
          leaseMs,
          timeoutMs: jobTimeoutMs,
          limit,
          expired: kind,
        });
        for (const job of jobs) this.launch(job);
        if (jobs.length < limit) break;
      }
    }
  }

  private launch(job: ClaimedJob): void {
    const controller = new AbortController();
    const { log, owner } = this.options;
    const context: JobContext = {
      job,
      owner,
      signal: controller.signal,
      reportAttempts: (attempts) => this.attempts.set(job.id, attempts),
      watchWebhook: (requestId, onDelivered) => {
        this.webhookWatchers.set(requestId, onDelivered);
        return () => {
          if (this.webhookWatchers.get(requestId) === onDelivered) this.webhookWatchers.delete(requestId);
        };
      },
    };
    const done = this.options
      .execute(context)
      .catch(async (error) => {
        if (controller.signal.aborted || error instanceof LeaseLostError) return;
        // The executor ends every expected failure itself; this is a bug, and the job must not stay stuck.
        log.error({ err: error, jobId: job.id }, 'job crashed');
        await markFailed(this.options.db, job, owner, {
          code: 'INTERNAL',
          message: failureMessage('INTERNAL', this.options.jobTimeoutMs),
          attempts: this.attempts.get(job.id) ?? job.attempts,
        }).catch((failure) => {
          log.error({ err: failure, jobId: job.id }, 'crashed job not recorded');
          this.unreleased.add(job.id);
        });
      })
      .finally(() => {
        // Its last reported attempts stay queued for the next flush, which is fenced by the lease.
        this.running.delete(job.id);
        this.wake();
      });
    this.running.set(job.id, { controller, done });
  }

  /**
   * Renews the leases first, so that a database that fails everything else still has the jobs stopped once a
   * lease has passed; then gives back what could not be recorded, ends MFA waits that ran out, and looks for
   * webhooks delivered elsewhere.
   */
  private async heartbeat(): Promise<void> {
    const ids = [...this.running.keys()];
    if (ids.length > 0) await this.renew(ids);
    else this.lastRenewal = Date.now();
    await this.releaseUnreleased();
    await expireMfaJobs(this.options.db, this.options.mfaExpiredMessage);
    await this.checkWebhooks();
  }

  private async renew(ids: readonly string[]): Promise<void> {
    const { db, owner, leaseMs, concurrency, log } = this.options;
    let held: Set<string>;
    try {
      held = await renewLeases(db, owner, ids, { leaseMs, capacity: concurrency });
      this.lastRenewal = Date.now();
    } catch (error) {
      // Unable to renew for a whole lease: another process may own these jobs by now. Stop touching them, and
      // give back those still ours once the database answers, for whoever is there to run them again.
      if (Date.now() - this.lastRenewal > leaseMs) {
        for (const id of ids) this.unreleased.add(id);
        this.abortAll(LEASE_LOST);
      }
      throw error;
    }
    for (const id of ids) {
      if (held.has(id)) continue;
      log.warn({ jobId: id }, 'job lease lost; leaving the job to its new owner');
      this.running.get(id)?.controller.abort(LEASE_LOST);
    }
  }

  /** Gives back the jobs whose end could not be recorded, so that they run again from their rows. */
  private async releaseUnreleased(): Promise<void> {
    const ids = [...this.unreleased].filter((id) => !this.running.has(id));
    if (ids.length === 0) return;
    const released = await releaseLeases(this.options.db, this.options.owner, ids);
    for (const id of ids) this.unreleased.delete(id);
    if (released === 0) return;
    this.options.log.info({ released }, 'jobs given back after their end went unrecorded');
    this.wake();
  }

  private async checkWebhooks(): Promise<void> {
    if (!this.options.deliveredWebhooks || this.webhookWatchers.size === 0) return;
    for (const requestId of await this.options.deliveredWebhooks([...this.webhookWatchers.keys()])) {
      this.notifyWebhook(requestId);
    }
  }

  /** A webhook for this RequestId was stored: the job waiting on it (if it runs here) takes it now. */
  notifyWebhook(requestId: string): void {
    this.webhookWatchers.get(requestId)?.();
  }

  private async flushProgress(): Promise<void> {
    if (this.attempts.size > 0) {
      const batch = new Map(this.attempts);
      this.attempts.clear();
      await recordAttempts(this.options.db, this.options.owner, batch);
    }
    await this.checkWebhooks();
  }

  private abortAll(reason: string): void {
    for (const { controller } of this.running.values()) controller.abort(reason);
  }

  /** Stops claiming, aborts running jobs where they stand and releases their leases. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await this.claiming;
    this.abortAll(STOPPING);
    await Promise.allSettled([...this.running.values()].map((job) => job.done));
    await this.flushProgress().catch(() => undefined);
    await unregisterRunner(this.options.db, this.options.owner).catch(() => undefined);
    try {
      const released = await releaseLeases(this.options.db, this.options.owner);
      if (released > 0) this.options.log.info({ released }, 'job leases released');
    } catch (error) {
      // A database that cannot write (a full disk) never holds up a stop: the leases expire on their own.
      this.options.log.warn({ err: error }, 'job leases not released; they expire on their own');
    }
  }
}
