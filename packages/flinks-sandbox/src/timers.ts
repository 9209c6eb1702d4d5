/**
 * Every timer the emulator sets goes through here, so that `reset()` and `close()` leave nothing behind: a
 * closed emulator must not keep the process alive or deliver a webhook afterwards.
 */
export class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  /** Runs `task` after `ms`; returns a handle for `cancel`. */
  after(ms: number, task: () => void): NodeJS.Timeout {
    const handle = setTimeout(() => {
      this.pending.delete(handle);
      task();
    }, ms);
    this.pending.set(handle, () => {});
    return handle;
  }

  cancel(handle: NodeJS.Timeout | undefined): void {
    if (!handle) return;
    clearTimeout(handle);
    this.pending.delete(handle);
  }

  /** Resolves after `ms`, or at once when the timers are cleared (so no request stays parked forever). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = setTimeout(() => {
        this.pending.delete(handle);
        resolve();
      }, ms);
      this.pending.set(handle, resolve);
    });
  }

  clear(): void {
    for (const [handle, release] of this.pending) {
      clearTimeout(handle);
      release();
    }
    this.pending.clear();
  }
}
