/**
 * How many decoded GetAccountsDetail answers this instance's jobs hold at once. A thousand retrievals whose
 * data is ready together would otherwise all decode theirs at once and hold them, a year of five accounts
 * each, while they wait for the database to store them one pool connection at a time: a heap of gigabytes,
 * whose garbage collections hold the event loop ever longer. A job takes a place once its answer has come
 * and everything else it stores with it (its statements, its categories) is in hand, decodes and stores,
 * then gives the place back; the undecoded body waits as one string, which the collector does not trace.
 */
export class AnswersInHand {
  private held = 0;
  private readonly waiting: { resolve: () => void; signal: AbortSignal; onAbort: () => void }[] = [];

  constructor(readonly size: number) {}

  /** Answers decoded or being decoded now. */
  get inHand(): number {
    return this.held;
  }

  /** Jobs waiting for a place. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Resolves, once a place is free, with the function that gives it back (once; later calls do nothing).
   * Rejects with the signal's reason if it aborts first.
   */
  take(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.held < this.size) {
      this.held++;
      return Promise.resolve(this.release());
    }
    return new Promise((resolve, reject) => {
      const entry = {
        resolve: () => resolve(this.release()),
        signal,
        onAbort: () => {
          const at = this.waiting.indexOf(entry);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(signal.reason);
        },
      };
      signal.addEventListener('abort', entry.onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private release(): () => void {
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.waiting.shift();
      if (next === undefined) {
        this.held--;
        return;
      }
      // The place goes straight to the next job.
      next.signal.removeEventListener('abort', next.onAbort);
      next.resolve();
    };
  }
}
