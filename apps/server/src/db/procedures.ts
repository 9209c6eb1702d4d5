/**
 * The procedures PGlite's thread runs itself (`Database.perform`), and the errors they may end with that the
 * server tells apart, carried across the thread boundary as their own classes. A procedure missing here still
 * runs, as a transaction driven from the server's thread.
 */
import { UnreadableDataError } from '../accounts/store.ts';
import { LeaseLostError } from '../jobs/leases.ts';
import { storeRetrieval } from '../jobs/outcomes.ts';
import type { Procedure } from './database.ts';

export const THREAD_PROCEDURES: ReadonlyMap<string, Procedure<never, unknown>> = new Map(
  [storeRetrieval].map((procedure) => [procedure.name, procedure]),
);

/** An error a procedure ended with, as it crosses to the server's thread. */
export type ProcedureError =
  | { name: 'LeaseLostError'; jobId: string }
  | { name: 'UnreadableDataError'; reason: string };

export function procedureError(error: unknown): ProcedureError | null {
  if (error instanceof LeaseLostError) return { name: 'LeaseLostError', jobId: error.jobId };
  if (error instanceof UnreadableDataError) return { name: 'UnreadableDataError', reason: error.reason };
  return null;
}

export function reviveProcedureError(error: ProcedureError): Error {
  return error.name === 'LeaseLostError'
    ? new LeaseLostError(error.jobId)
    : new UnreadableDataError(error.reason);
}
