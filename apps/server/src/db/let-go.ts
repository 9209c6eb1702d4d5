/**
 * Stops a listener, best effort: the connection it listens on closes right after, and a failing database (a
 * full disk, an engine that just stopped) must not turn a stop into a failed one, whether its unlisten throws
 * or rejects.
 */
export async function letGo(stop: () => Promise<void>): Promise<void> {
  try {
    await stop();
  } catch {
    // Nothing is left to undo: the listening connection is going or gone.
  }
}
