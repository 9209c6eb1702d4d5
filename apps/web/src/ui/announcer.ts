/**
 * One polite live region for announcements that outlive the element they concern ("Bank removed"): the
 * region lives in the app shell, so the message is read even though its source has left the page.
 */
import { useSyncExternalStore } from 'react';

let message = '';
const listeners = new Set<() => void>();

export function announce(text: string): void {
  // Clearing first makes a repeated message count as a change for screen readers.
  message = '';
  for (const listener of listeners) listener();
  window.setTimeout(() => {
    message = text;
    for (const listener of listeners) listener();
  }, 50);
}

export function useAnnouncement(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => message,
  );
}
