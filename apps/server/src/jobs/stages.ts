/**
 * A job's stage told at once to its user's open event streams on this instance, without the database. The
 * store of a large answer holds PGlite's only connection for seconds: nothing can be read meanwhile, so the
 * page learns "saving N transactions" from this, the same stage and number a read of the job gives.
 */
import type { JobStageEvent } from '@passbook/contracts';

export type StageListener = (userId: string, event: JobStageEvent) => void;

export class JobStages {
  private readonly listeners = new Set<StageListener>();

  subscribe(listener: StageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  announce(userId: string, event: JobStageEvent): void {
    for (const listener of this.listeners) listener(userId, event);
  }
}
