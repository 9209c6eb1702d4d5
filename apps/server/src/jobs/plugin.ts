/** The job runner of this process: started when the app is ready, stopped (leases released) when it closes. */
import { hostname } from 'node:os';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.ts';
import { notifyLinksNeedingYou } from '../notifications/push.ts';
import { checkNightlyRefreshStatus } from '../sync/nightly-status.ts';
import { deliveredResults } from '../webhooks/repository.ts';
import { AnswersInHand } from './answers-in-hand.ts';
import { createExecutor } from './definitions.ts';
import { failureMessage } from './failures.ts';
import { JobRunner } from './runner.ts';
import { enqueueScheduledJobs } from './schedule.ts';
import { JobStages } from './stages.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobRunner: JobRunner;
    /** Stages told to this instance's event streams as they happen. */
    jobStages: JobStages;
    /** The places among this instance's decoded answers: how many are held and waited for (read by tests). */
    answersInHand: AnswersInHand;
    /** What job schedules are reckoned by. */
    clock: Clock;
  }
}

export interface JobsPluginOptions {
  /** False in tests that look at jobs without executing them. */
  run?: boolean;
  /** The lease owner id; default: host, pid and a random suffix. */
  owner?: string;
  /** What schedules are reckoned by. */
  clock: Clock;
}

export const jobsPlugin = fp<JobsPluginOptions>(
  async (app, options) => {
    const { config, db } = app;
    const log = app.log.child({ component: 'jobs' });
    const stages = new JobStages();
    const answersInHand = new AnswersInHand(config.jobs.answersInHand);
    const runner = new JobRunner({
      db,
      log,
      owner: options.owner ?? `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`,
      execute: createExecutor({
        db,
        flinks: app.flinks,
        vault: app.vault,
        config,
        log,
        push: app.push,
        stages,
        answersInHand,
      }),
      concurrency: config.jobs.concurrency,
      leaseMs: config.jobs.leaseMs,
      claimIntervalMs: config.jobs.claimIntervalMs,
      jobTimeoutMs: config.flinks.pollTimeoutMs,
      mfaExpiredMessage: failureMessage('MFA_EXPIRED', config.flinks.pollTimeoutMs),
      enqueueScheduled: async () => {
        const nightly =
          config.jobs.syncIntervalMs === 0
            ? Promise.resolve(false)
            : checkNightlyRefreshStatus({
                db,
                flinks: app.flinks,
                vault: app.vault,
                clock: options.clock,
                log,
              }).then(async (checked) => {
                // The day's GetNightlyRefreshStatus may have flagged logins: their people are told.
                if (checked) await notifyLinksNeedingYou({ db, push: app.push }, null);
                return checked;
              });
        const [, created] = await Promise.all([nightly, enqueueScheduledJobs(db, options.clock, config)]);
        return created;
      },
      ...(config.flinks.webhookSecret === null
        ? {}
        : { deliveredWebhooks: (ids) => deliveredResults(db, ids) }),
    });
    app.decorate('jobRunner', runner);
    app.decorate('jobStages', stages);
    app.decorate('answersInHand', answersInHand);
    app.decorate('clock', options.clock);
    if (options.run !== false) app.addHook('onReady', async () => runner.start());
    app.addHook('onClose', async () => runner.stop());
  },
  { name: 'jobs', dependencies: ['config', 'database', 'flinks', 'notifications'] },
);
