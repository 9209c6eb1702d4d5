/**
 * Data processing of a session: the first GetAccountsDetail/Summary starts it, the data is ready
 * `processingMs` later (four times that, and after a few Async polls, for the slow test users), and a
 * GetAccountsDetail that completes is handed on for webhook delivery. Readiness is judged against the current
 * settings, so a test may shorten the processing time of a request already under way.
 */
import type { RuntimeSettings } from '../settings.ts';
import type { Timers } from '../timers.ts';
import type { DetailOptions, SandboxStore, Session } from './store.ts';

/** A completed GetAccountsDetail: enough to rebuild its body, never the body itself. */
export interface CompletedRequest {
  readonly requestId: string;
  readonly loginId: string;
  readonly epoch: number;
  readonly options: DetailOptions;
  readonly tag: string | null;
}

const SLOW_FACTOR = 4;
/** Async polls a slow user's request answers 202 to before it can answer 200. */
const SLOW_POLLS = 3;

export class Retrieval {
  private readonly completions = new Map<string, { session: Session; handle: NodeJS.Timeout }>();
  /** Wakers of the synchronous calls held open, woken early when the settings change. */
  private readonly holds = new Set<() => void>();

  constructor(
    private readonly store: SandboxStore,
    private readonly settings: RuntimeSettings,
    private readonly timers: Timers,
    private readonly now: () => number,
    private readonly onCompleted: (request: CompletedRequest) => void,
  ) {}

  private isSlow(session: Session): boolean {
    return session.login?.user.processing !== 'normal';
  }

  readyAt(session: Session): number {
    const startedAt = session.processing?.startedAt ?? this.now();
    return startedAt + this.settings.processingMs * (this.isSlow(session) ? SLOW_FACTOR : 1);
  }

  /** Processing time has passed (what a webhook waits for). */
  isComplete(session: Session, now: number): boolean {
    return session.processing !== null && now >= this.readyAt(session);
  }

  /** The data can be answered with a 200. */
  isReady(session: Session, now: number): boolean {
    if (!this.isComplete(session, now)) return false;
    return !this.isSlow(session) || (session.processing?.polls ?? 0) >= SLOW_POLLS;
  }

  /** Records a data request on the session; the first one starts processing. */
  request(session: Session, kind: 'detail' | 'summary', options: DetailOptions, now: number): void {
    session.lastActivityAt = now;
    if (!session.processing) {
      session.processing = { startedAt: now, lastRequestAt: now, polls: 0, detail: null, summary: null };
    }
    session.processing.lastRequestAt = now;
    const firstDetail = kind === 'detail' && session.processing.detail === null;
    session.processing[kind] = options;
    if (firstDetail) this.schedule(session);
  }

  private schedule(session: Session): void {
    const handle = this.timers.after(Math.max(0, this.readyAt(session) - this.now()), () => {
      this.completions.delete(session.requestId);
      const now = this.now();
      if (!this.isComplete(session, now)) return this.schedule(session);
      const login = session.login;
      const options = session.processing?.detail;
      if (!login || !options) return;
      this.onCompleted({
        requestId: session.requestId,
        loginId: login.id,
        epoch: session.epoch,
        options,
        tag: session.tag,
      });
    });
    this.completions.set(session.requestId, { session, handle });
  }

  /** Waits up to `ms` for held calls: a change of settings ends the wait early so they look again. */
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.holds.delete(wake);
        this.timers.cancel(handle);
        resolve();
      };
      const handle = this.timers.after(ms, wake);
      this.holds.add(wake);
    });
  }

  /** Re-arms the completion timers and wakes the held calls after the processing time changed. */
  reschedule(): void {
    for (const { session, handle } of [...this.completions.values()]) {
      this.timers.cancel(handle);
      this.schedule(session);
    }
    for (const wake of [...this.holds]) wake();
  }

  /** A session that ends before its processing completes never completes. */
  forget(session: Session): void {
    const completion = this.completions.get(session.requestId);
    if (!completion) return;
    this.timers.cancel(completion.handle);
    this.completions.delete(session.requestId);
  }

  /** True while the login has a session whose processing has not completed (DeleteCard → CARD_IN_USE). */
  isBusy(loginId: string, now: number): boolean {
    const session = this.store.session(this.store.login(loginId)?.sessionId, now);
    return session?.processing != null && !this.isComplete(session, now);
  }

  clear(): void {
    for (const wake of [...this.holds]) wake();
    for (const { handle } of this.completions.values()) this.timers.cancel(handle);
    this.completions.clear();
  }
}
