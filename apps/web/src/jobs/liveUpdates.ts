/**
 * The page's one event stream (GET /api/events). While it is open, each `changed` event makes the page read
 * its links and jobs again, each `stage` event shows a job's stage at once (the server may be too busy storing
 * to answer a read), and jobs are not polled. When it cannot be opened (no session yet, a proxy that
 * buffers streams) or while it reconnects, the page polls as before; a stream the server refused is tried
 * again the next time there is something to follow.
 */
import type { JobStageEvent } from '@passbook/contracts';
import { routes } from '@passbook/contracts/routes';
import { useSyncExternalStore } from 'react';

let source: EventSource | null = null;
let open = false;
const listeners = new Set<() => void>();
const changeHandlers = new Set<() => void>();
const stageHandlers = new Set<(event: JobStageEvent) => void>();

function setOpen(value: boolean) {
  if (open === value) return;
  open = value;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Opens the stream unless it is open or reconnecting; `onChanged` runs on each `changed` event, `onStage` on
 * each well-formed `stage` event.
 */
export function followChanges(onChanged: () => void, onStage?: (event: JobStageEvent) => void): () => void {
  changeHandlers.add(onChanged);
  if (onStage) stageHandlers.add(onStage);
  if (typeof EventSource !== 'undefined' && (!source || source.readyState === EventSource.CLOSED)) {
    const opened = new EventSource(routes.events.path);
    source = opened;
    opened.addEventListener('open', () => setOpen(true));
    opened.addEventListener('changed', () => {
      for (const handler of changeHandlers) handler();
    });
    opened.addEventListener('stage', (message) => {
      // Our own server's event, written there as the contract's type: taken as that type, as the API's answers
      // are, so that the first page carries no zod; what is not JSON, or names no job, is dropped.
      let event: JobStageEvent;
      try {
        event = JSON.parse((message as MessageEvent<string>).data) as JobStageEvent;
      } catch {
        return;
      }
      if (typeof event?.jobId !== 'string') return;
      for (const handler of stageHandlers) handler(event);
    });
    // The browser reconnects by itself after a drop (CONNECTING), not after a refusal (CLOSED).
    opened.addEventListener('error', () => {
      setOpen(false);
      if (opened.readyState === EventSource.CLOSED && source === opened) source = null;
    });
  }
  return () => {
    changeHandlers.delete(onChanged);
    if (onStage) stageHandlers.delete(onStage);
  };
}

/** Whether the stream is open now: changes arrive by themselves. */
export function useChangesPushed(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => open,
    () => false,
  );
}
