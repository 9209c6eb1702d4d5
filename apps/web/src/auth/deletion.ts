/**
 * What the last account deletion removed, kept in memory for the confirmation shown after it: the browser has
 * no session any more, so no page of the account can say it.
 */
import type { DeletionSummary } from '@passbook/contracts';
import { useSyncExternalStore } from 'react';

let removed: DeletionSummary | null = null;
const listeners = new Set<() => void>();

export function rememberDeletion(summary: DeletionSummary | null): void {
  removed = summary;
  for (const listener of listeners) listener();
}

export function useLastDeletion(): DeletionSummary | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => removed,
  );
}
