/**
 * Turns the links whose slot has come into jobs of each kind that has a schedule (the sync). It runs on the
 * runner's claim tick in every process; the due links are taken with SKIP LOCKED and moved to their next slot
 * in the same transaction that creates their jobs, so however many processes tick, each slot makes one job.
 */
import type { Clock } from '../clock.ts';
import type { ResolvedConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { scheduleUnscheduledLinks, takeDueLinks } from '../links/schedule.ts';
import { JOB_DEFINITIONS } from './definitions.ts';
import { insertJobs } from './repository.ts';

/** Links taken per transaction: a tick after a long pause works through the backlog in steps this size. */
const DUE_BATCH = 500;

export async function enqueueScheduledJobs(
  db: Database,
  clock: Clock,
  config: ResolvedConfig,
): Promise<number> {
  let created = 0;
  for (const definition of Object.values(JOB_DEFINITIONS)) {
    const intervalMs = definition.schedule?.intervalMs(config) ?? 0;
    if (!definition.schedule || intervalMs === 0) continue;
    const { payloadFor } = definition.schedule;
    await scheduleUnscheduledLinks(db, { now: clock.now(), intervalMs });
    for (;;) {
      const { taken, inserted } = await db.transaction(async (tx) => {
        const due = await takeDueLinks(tx, { now: clock.now(), intervalMs, limit: DUE_BATCH });
        const inserted = await insertJobs(
          tx,
          due.map((link) => ({
            userId: link.user_id,
            linkId: link.id,
            loginIdHash: link.login_id_hash,
            kind: definition.kind,
            payload: payloadFor(link.slot),
          })),
        );
        return { taken: due.length, inserted };
      });
      created += inserted;
      if (taken < DUE_BATCH) break;
    }
  }
  return created;
}
