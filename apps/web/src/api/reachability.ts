/**
 * Whether the server answers at all, as every request finds out: a request that got no answer (connection
 * refused, network down) marks it unreachable, any answer (an error status included) marks it back.
 */
import { useSyncExternalStore } from 'react';

let reachable = true;
const listeners = new Set<() => void>();

function set(value: boolean): void {
  if (reachable === value) return;
  reachable = value;
  for (const listener of listeners) listener();
}

export const reportAnswered = () => set(true);
export const reportUnreachable = () => set(false);

export function useServerReachable(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => reachable,
  );
}
