/**
 * Jobs this page started (a link, a refresh, an answered security question), remembered per link so that
 * the result stays on screen after the server stops reporting the job as active, and so that a refresh
 * that needs a security answer opens Connect once, by itself.
 */
import { useSyncExternalStore } from 'react';

const tracked = new Map<string, string>();
const relaunched = new Set<string>();
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function trackJob(linkId: string, jobId: string): void {
  tracked.set(linkId, jobId);
  emit();
}

export function forgetJob(linkId: string): void {
  if (tracked.delete(linkId)) emit();
}

export function useTrackedJob(linkId: string): string | null {
  return useSyncExternalStore(subscribe, () => tracked.get(linkId) ?? null);
}

/** True the first time it is asked for a job: Connect is opened by itself once, then only on request. */
export function claimAutomaticRelaunch(jobId: string): boolean {
  if (relaunched.has(jobId)) return false;
  relaunched.add(jobId);
  return true;
}
