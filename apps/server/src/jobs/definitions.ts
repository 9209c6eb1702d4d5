/**
 * Every kind of job, declared once: what its row carries (`payload`, validated when the job is created and
 * again when it is claimed), how its first Authorize asks the bank, what it does (`handler`) and, for a kind
 * that runs on its own, how often (`schedule`). Job creation, the runner and the scheduler read this registry;
 * nothing else branches on a job's kind.
 */
import type { JobKind } from '@passbook/contracts';
import { z } from 'zod';
import type { ResolvedConfig } from '../config.ts';
import { notifyLinksNeedingYou, notifyNewTransactions } from '../notifications/push.ts';
import { enrolAfterRetrieval } from '../sync/nightly-refresh.ts';
import { type ExecutorDeps, retrieveAccounts } from './execute.ts';
import type { JobContext, JobExecutor } from './runner.ts';

export interface JobSchedule<Payload> {
  /** How often each link gets a job of this kind; 0 turns the schedule off. */
  intervalMs(config: ResolvedConfig): number;
  /** The payload of the job made for a link's slot. */
  payloadFor(slot: Date): Payload;
}

export interface JobDefinition<Payload = unknown> {
  kind: JobKind;
  payload: z.ZodType<Payload>;
  /** True: Authorize asks the bank live, which may bring its security questions; false: the cached answer. */
  authorizeLive: boolean;
  handler(context: JobContext, deps: ExecutorDeps, payload: Payload): Promise<void>;
  schedule?: JobSchedule<Payload>;
}

function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  return definition;
}

const NoPayload = z.object({}).strict();

const link = defineJob({
  kind: 'link',
  payload: NoPayload,
  authorizeLive: false,
  async handler(context, deps) {
    await enrolAfterRetrieval(deps, context, await retrieveAccounts(deps, context));
  },
});

const refresh = defineJob({
  kind: 'refresh',
  payload: NoPayload,
  authorizeLive: true,
  async handler(context, deps) {
    const outcome = await retrieveAccounts(deps, context);
    if (outcome.kind === 'succeeded')
      await notifyNewTransactions(deps, context.job, context.job.started_at ?? new Date());
  },
});

/**
 * A link's sync on schedule (`SYNC_INTERVAL_MS`), cached like a link job so the bank is not asked for security
 * answers; its payload names the slot it was made for.
 */
const sync = defineJob({
  kind: 'sync',
  payload: z.object({ scheduledFor: z.iso.datetime({ offset: true }) }).strict(),
  authorizeLive: false,
  async handler(context, deps) {
    const outcome = await retrieveAccounts(deps, context);
    await enrolAfterRetrieval(deps, context, outcome);
    // Nobody is watching a scheduled sync: what it found out is pushed to the person, if they asked.
    if (outcome.kind === 'succeeded')
      await notifyNewTransactions(deps, context.job, context.job.started_at ?? new Date());
    else await notifyLinksNeedingYou(deps, [context.job.link_id]);
  },
  schedule: {
    intervalMs: (config) => config.jobs.syncIntervalMs,
    payloadFor: (slot) => ({ scheduledFor: slot.toISOString() }),
  },
});

/** One definition per kind the contracts declare: a new kind does not compile until it is defined here. */
export const JOB_DEFINITIONS: { readonly [K in JobKind]: JobDefinition } = { link, refresh, sync };

export function jobDefinition(kind: JobKind): JobDefinition {
  return JOB_DEFINITIONS[kind];
}

/** The runner's executor: each claimed job runs its kind's handler with its validated payload. */
export function createExecutor(deps: ExecutorDeps): JobExecutor {
  return async (context) => {
    const definition = jobDefinition(context.job.kind);
    await definition.handler(context, deps, definition.payload.parse(context.job.payload));
  };
}
