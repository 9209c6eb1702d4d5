/**
 * Whether the server answers at all, as every request finds out: a request that got no answer (connection
 * refused, network down) marks it unreachable, any answer (an error status included) marks it back.
 */
import { useSyncExternalStore } from 'react';

let reachable = true;
/** Offline, the service worker answered from what it saved: when that was. */
let savedAt: string | null = null;
const listeners = new Set<() => void>();

function set(value: boolean, saved: string | null = savedAt): void {
  if (reachable === value && savedAt === saved) return;
  reachable = value;
  savedAt = saved;
  for (const listener of listeners) listener();
}

export const reportAnswered = () => set(true, null);
export const reportUnreachable = () => set(false);
/** No server answered, but the service worker had this answer, saved at `at`. */
export const reportSavedAnswer = (at: string) => set(false, at);

/** When the data on screen was saved, while the page shows what the service worker kept offline. */
export function useOfflineSavedAt(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => savedAt,
  );
}

export function useServerReachable(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => reachable,
  );
}
