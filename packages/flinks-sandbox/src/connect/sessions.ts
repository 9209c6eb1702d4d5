/**
 * A Connect page's own session, opened when the page consumes its authorize token. The page holds its id in
 * memory (no cookie, so it works inside a third-party iframe) and may only answer the RequestIds it opened or
 * resumed.
 */
import { randomUUID } from 'node:crypto';
import type { RuntimeSettings } from '../settings.ts';

export interface ConnectSession {
  readonly id: string;
  lastActivityAt: number;
  readonly requestIds: Set<string>;
}

export class ConnectSessions {
  private readonly sessions = new Map<string, ConnectSession>();

  constructor(
    private readonly settings: RuntimeSettings,
    private readonly now: () => number,
  ) {}

  open(): ConnectSession {
    const session: ConnectSession = { id: randomUUID(), lastActivityAt: this.now(), requestIds: new Set() };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session of this id, its inactivity clock restarted; undefined once idle for too long. */
  get(id: unknown): ConnectSession | undefined {
    if (typeof id !== 'string') return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const now = this.now();
    if (now >= session.lastActivityAt + this.settings.sessionIdleTtlMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastActivityAt = now;
    return session;
  }

  sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) {
      if (now >= session.lastActivityAt + this.settings.sessionIdleTtlMs) this.sessions.delete(id);
    }
  }

  clear(): void {
    this.sessions.clear();
  }
}
