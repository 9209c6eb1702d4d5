/**
 * Plain values of the contracts, without zod: what the web app needs at run time on its first page, where
 * the schemas (types there) would only add weight.
 */
import type { JobState } from './api.ts';

/**
 * The categories a transaction can fall in: one taxonomy for Passbook's own rules and for Flinks'
 * categorisation, which the server maps onto it.
 */
export const CATEGORY_KEYS = [
  'income',
  'transfers',
  'people',
  'housing',
  'bills',
  'groceries',
  'restaurants',
  'transport',
  'shopping',
  'health',
  'entertainment',
  'subscriptions',
  'travel',
  'fees',
  'cash',
  'business',
  'other',
] as const;

export const TERMINAL_JOB_STATES: readonly JobState[] = ['succeeded', 'failed'];
/** States in which a job is (or is about to be) at work under a lease; `mfa_required` waits for the person. */
export const RUNNABLE_JOB_STATES: readonly JobState[] = ['queued', 'authorizing', 'retrieving'];
