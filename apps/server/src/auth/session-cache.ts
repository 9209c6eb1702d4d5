/**
 * The live sessions this instance resolved lately, kept in memory so that a request costs no database read:
 * keyed by the hash of the cookie's token (never the token), each kept for at most `freshMs` and never past its
 * absolute expiry, then read again (which also records its use). Triggers NOTIFY `passbook_session` on every
 * change that can end a session sooner (migration 0100), whichever instance made it, and the instance that ends
 * a session forgets it before answering; while notifications cannot be trusted (the listening connection is
 * down), nothing is kept and every request reads the database.
 *
 * A read that raced with a change is not kept: each fill notes the generation it began in, and any
 * notification moves the generation on.
 */
import { NotifiedCache } from '../db/notified-cache.ts';
import type { Session } from './sessions.ts';

export const SESSION_CHANNEL = 'passbook_session';

interface Entry {
  session: Session;
  /** Date.now() after which the entry is read again. */
  freshUntil: number;
}

export class SessionCache extends NotifiedCache {
  private readonly entries = new Map<string, Entry>();
  /** Session id → the token hash it is kept under. */
  private readonly hashes = new Map<string, string>();
  /** Moves on with every notification: a fill begun in an older generation is not kept. */
  private generation = 0;

  constructor(
    private readonly freshMs: number,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {
    super(SESSION_CHANNEL);
  }

  /** The cached live session of this token hash, or undefined when it must be read from the database. */
  get(tokenHash: string): Session | undefined {
    if (!this.live) return undefined;
    const entry = this.entries.get(tokenHash);
    if (entry === undefined) return undefined;
    if (this.now() >= entry.freshUntil) {
      this.drop(tokenHash);
      return undefined;
    }
    return entry.session;
  }

  /** A mark to take before reading a session, and to hand to `keep` with what the read found. */
  begin(): number {
    return this.generation;
  }

  /** Keeps what a read begun at `mark` found, unless anything changed since or nothing can be trusted. */
  keep(mark: number, tokenHash: string, session: Session, expiresAt: Date): void {
    if (!this.live || mark !== this.generation) return;
    const freshUntil = Math.min(this.now() + this.freshMs, expiresAt.getTime());
    if (freshUntil <= this.now()) return;
    this.drop(tokenHash);
    this.entries.set(tokenHash, { session, freshUntil });
    this.hashes.set(session.id, tokenHash);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.drop(oldest);
    }
  }

  /** This session is over or changed: every instance hears it by notification, this one at once. */
  forgetSession(sessionId: string): void {
    this.generation++;
    const hash = this.hashes.get(sessionId);
    if (hash !== undefined) this.drop(hash);
  }

  /** This user's sessions are over or changed (deleted, or became an account). */
  forgetUser(userId: string): void {
    this.generation++;
    for (const [hash, entry] of this.entries) if (entry.session.userId === userId) this.drop(hash);
  }

  /** How many sessions are kept (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  protected onNotification(payload: string): void {
    const [kind, id = ''] = payload.split(':');
    if (kind === 'u') this.forgetUser(id);
    else if (kind === 's') this.forgetSession(id);
    else this.forgetAll();
  }

  private drop(tokenHash: string): void {
    const entry = this.entries.get(tokenHash);
    if (entry === undefined) return;
    this.entries.delete(tokenHash);
    this.hashes.delete(entry.session.id);
  }

  protected forgetAll(): void {
    this.generation++;
    this.entries.clear();
    this.hashes.clear();
  }
}
