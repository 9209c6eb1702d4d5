/**
 * Jobs this page started (a link, a refresh, an answered security question), remembered per link so that
 * the result stays on screen after the server stops reporting the job as active, and so that a refresh
 * that needs a security answer opens Connect once, by itself.
 */
import { useSyncExternalStore } from 'react';

const tracked = new Map<string, string>();
const relaunched = new Set<string>();
const arrived = new Set<string>();
let entries: ReadonlyArray<readonly [linkId: string, jobId: string]> = [];
const listeners = new Set<() => void>();

function emit() {
  entries = [...tracked.entries()];
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

/** Every link with a job this page follows, and that job. */
export function useTrackedJobs(): ReadonlyArray<readonly [linkId: string, jobId: string]> {
  return useSyncExternalStore(subscribe, () => entries);
}

/**
 * The job turned out to be another link's (the bank login was linked already): it is followed there now, and
 * that link is to be brought into view once.
 */
export function moveTrackedJob(fromLinkId: string, toLinkId: string, jobId: string): void {
  tracked.delete(fromLinkId);
  tracked.set(toLinkId, jobId);
  arrived.add(jobId);
  emit();
}

/** True once for a job moved here: its link is scrolled into view and focused, then left alone. */
export function claimArrival(jobId: string): boolean {
  return arrived.delete(jobId);
}

/** True the first time it is asked for a job: Connect is opened by itself once, then only on request. */
export function claimAutomaticRelaunch(jobId: string): boolean {
  if (relaunched.has(jobId)) return false;
  relaunched.add(jobId);
  return true;
}
