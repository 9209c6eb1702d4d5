/** The log of every call received on the Flinks paths, so tests can count what a client sent upstream. */

export interface SandboxCall {
  seq: number;
  at: string;
  method: string;
  /** Flinks endpoint name, e.g. 'GetAccountsDetailAsync'; 'Unknown' for a path that is none. */
  endpoint: string;
  path: string;
  /** The status answered; 0 when the call was dropped or left hanging. */
  status: number;
  requestId?: string;
  loginId?: string;
  /** The kind of the fault injected into this call, if one was. */
  faulted?: string;
}

export interface CallFilter {
  endpoint?: string;
  requestId?: string;
  loginId?: string;
}

export class CallLog {
  private entries: SandboxCall[] = [];
  private seq = 0;

  constructor(private readonly limit: number) {}

  record(call: Omit<SandboxCall, 'seq' | 'at'>): void {
    this.entries.push({ seq: ++this.seq, at: new Date().toISOString(), ...call });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  list(filter: CallFilter = {}): SandboxCall[] {
    const endpoint = filter.endpoint?.toLowerCase();
    const requestId = filter.requestId?.toLowerCase();
    const loginId = filter.loginId?.toLowerCase();
    return this.entries.filter(
      (call) =>
        (!endpoint || call.endpoint.toLowerCase() === endpoint) &&
        (!requestId || call.requestId === requestId) &&
        (!loginId || call.loginId === loginId),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
