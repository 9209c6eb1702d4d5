/**
 * The life of an in-memory cache kept true by NOTIFY: it listens on one channel, trusts what it holds only
 * while listening works (`live`), forgets everything whenever notifications may have been missed and again
 * when they resume, and lets go of its listener on close, even one that only started after.
 */
import type { Database } from './database.ts';

/**
 * Best effort: the connection it listens on closes right after, and a failing database (a full disk, an engine
 * that just stopped) must not turn a stop into a failed one, whether its unlisten throws or rejects.
 */
async function letGo(stop: () => Promise<void>): Promise<void> {
  try {
    await stop();
  } catch {
    // Nothing is left to undo: the listening connection is going or gone.
  }
}

export abstract class NotifiedCache {
  /** Whether notifications can be trusted now: only then may an entry be served or kept. */
  protected live = false;
  private closed = false;
  private stop: (() => Promise<void>) | null = null;

  constructor(private readonly channel: string) {}

  /** One notification's payload: forget what it names. */
  protected abstract onNotification(payload: string): void;
  /** Forget everything (and spoil every read under way). */
  protected abstract forgetAll(): void;

  async start(db: Database): Promise<void> {
    const stop = await db.listen(this.channel, {
      onMessage: (payload) => this.onNotification(payload),
      onInterrupted: () => {
        this.live = false;
        this.forgetAll();
      },
      onResumed: () => {
        this.forgetAll();
        if (!this.closed) this.live = true;
      },
    });
    // Closed while it was starting: what started is let go at once.
    if (this.closed) await letGo(stop);
    else this.stop = stop;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    this.forgetAll();
    const stop = this.stop;
    this.stop = null;
    if (stop !== null) await letGo(stop);
  }
}
