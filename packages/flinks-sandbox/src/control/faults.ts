/** Faults injected on chosen Flinks endpoints for their next N calls (optionally only those of one login). */

export type SandboxFaultKind = 'status' | 'flinks' | 'hang' | 'drop' | 'malformed' | 'mfa';

/** Faults of the HTTP exchange itself, applied before any endpoint's own logic. */
export const TRANSPORT_FAULTS: readonly SandboxFaultKind[] = [
  'status',
  'flinks',
  'hang',
  'drop',
  'malformed',
];

export interface SandboxFault {
  /** Flinks endpoint name, e.g. 'GetAccountsDetailAsync', 'Authorize', or '*' for any. Case-insensitive. */
  endpoint: string;
  /** The next N calls of that endpoint (default 1). */
  count?: number;
  /**
   * - `status`: answer `status` (default 503) with a plain-text body;
   * - `flinks`: answer a Flinks error `{HttpStatusCode, FlinksCode, Message}` (default 500 AGGREGATION_ERROR;
   *   the status defaults to the code's usual one);
   * - `hang`: never answer, or with `hangMs` answer normally that much later;
   * - `drop`: destroy the connection without answering;
   * - `malformed`: 200 whose body is not JSON (`variant: 'invalid-json'`, default) or JSON of the wrong shape
   *   (`variant: 'wrong-shape'`);
   * - `mfa` (Authorize only): an Authorize of an MFA login answers 203 with that login's challenges, cached or
   *   not, as real Flinks may (a cached Authorize is no promise of no MFA). Calls for logins without MFA neither
   *   suffer it nor use it up.
   */
  kind: SandboxFaultKind;
  /** `mfa` only: just the logins of this test user (so that tests running side by side keep apart). */
  username?: string;
  /** Just the calls that name this LoginId (in the body's `LoginId` or the path), for the same reason. */
  loginId?: string;
  status?: number;
  flinksCode?: string;
  message?: string;
  hangMs?: number;
  variant?: 'invalid-json' | 'wrong-shape';
}

const KINDS: readonly string[] = [...TRANSPORT_FAULTS, 'mfa'];

export class FaultError extends Error {}

/** Validates a fault received over HTTP; throws a message naming the bad field. */
export function parseFault(input: unknown): SandboxFault {
  if (typeof input !== 'object' || input === null) throw new FaultError('a fault is a JSON object');
  const fault = input as Record<string, unknown>;
  if (typeof fault.endpoint !== 'string' || fault.endpoint.length === 0) {
    throw new FaultError('endpoint must be an endpoint name or "*"');
  }
  if (typeof fault.kind !== 'string' || !KINDS.includes(fault.kind)) {
    throw new FaultError(`kind must be one of ${KINDS.join(', ')}`);
  }
  if (fault.kind === 'mfa' && fault.endpoint.toLowerCase() !== 'authorize') {
    throw new FaultError('a fault of kind mfa applies to the endpoint Authorize only');
  }
  if (fault.username !== undefined && (fault.kind !== 'mfa' || typeof fault.username !== 'string')) {
    throw new FaultError('username is a test user name, for a fault of kind mfa');
  }
  if (fault.loginId !== undefined && (typeof fault.loginId !== 'string' || fault.loginId.length === 0)) {
    throw new FaultError('loginId must be a LoginId');
  }
  if (fault.count !== undefined && !(Number.isInteger(fault.count) && (fault.count as number) > 0)) {
    throw new FaultError('count must be a positive integer');
  }
  if (
    fault.status !== undefined &&
    !(Number.isInteger(fault.status) && (fault.status as number) >= 200 && (fault.status as number) <= 599)
  ) {
    throw new FaultError('status must be an HTTP status between 200 and 599');
  }
  if (fault.hangMs !== undefined && !(typeof fault.hangMs === 'number' && fault.hangMs >= 0)) {
    throw new FaultError('hangMs must be a non-negative number');
  }
  if (fault.variant !== undefined && fault.variant !== 'invalid-json' && fault.variant !== 'wrong-shape') {
    throw new FaultError('variant must be "invalid-json" or "wrong-shape"');
  }
  for (const name of ['flinksCode', 'message'] as const) {
    if (fault[name] !== undefined && typeof fault[name] !== 'string')
      throw new FaultError(`${name} must be a string`);
  }
  return fault as unknown as SandboxFault;
}

export class Faults {
  private armed: Array<{ fault: SandboxFault; remaining: number }> = [];

  add(fault: SandboxFault): void {
    this.armed.push({ fault, remaining: fault.count ?? 1 });
  }

  /** The fault of one of `kinds` the next call of `endpoint` suffers, if any: the earliest armed one that matches. */
  take(
    endpoint: string,
    kinds: readonly SandboxFaultKind[],
    username?: string,
    loginId?: string,
  ): SandboxFault | null {
    const name = endpoint.toLowerCase();
    const entry = this.armed.find(
      (candidate) =>
        kinds.includes(candidate.fault.kind) &&
        (candidate.fault.endpoint === '*' || candidate.fault.endpoint.toLowerCase() === name) &&
        (candidate.fault.username === undefined ||
          candidate.fault.username.toLowerCase() === username?.toLowerCase()) &&
        (candidate.fault.loginId === undefined ||
          candidate.fault.loginId.toLowerCase() === loginId?.toLowerCase()),
    );
    if (!entry) return null;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.armed = this.armed.filter((candidate) => candidate !== entry);
    return entry.fault;
  }

  list(): Array<SandboxFault & { remaining: number }> {
    return this.armed.map(({ fault, remaining }) => ({ ...fault, remaining }));
  }

  clear(): void {
    this.armed = [];
  }
}
