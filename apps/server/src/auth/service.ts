/**
 * The one service that issues sessions, whichever way a person proves who they are (anonymous start, passkey,
 * later single sign-on): strategies decide who, this decides the session. Every sign-in starts a new session
 * and ends the one the browser came with, so a token planted before sign-in is worthless after it.
 */
import type { AuditEventKind, SessionSummary } from '@passbook/contracts';
import type { SessionSettings } from '../config.ts';
import type { Database, Queryable } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { adoptAnonymousData } from './adoption.ts';
import { recordAudit } from './audit.ts';
import { SessionCache } from './session-cache.ts';
import {
  deleteOtherSessions,
  deleteSession,
  findSession,
  type IssuedSession,
  insertSession,
  listSessions,
  type Session,
  TOUCH_EVERY_MS,
} from './sessions.ts';
import { hashToken } from './tokens.ts';

export interface RequestContext {
  userAgent: string;
}

export class AuthService {
  /** Sessions resolved lately; kept no longer than their use is recorded, nor than their idle lifetime. */
  readonly cache: SessionCache;

  constructor(
    private readonly db: Database,
    private readonly settings: SessionSettings,
  ) {
    this.cache = new SessionCache(Math.min(TOUCH_EVERY_MS, settings.idleMs));
  }

  /** Starts hearing of sessions ended elsewhere; until then, and whenever that stops, every resolve reads. */
  start(): Promise<void> {
    return this.cache.start(this.db);
  }

  close(): Promise<void> {
    return this.cache.close();
  }

  /** The live session this token names when it is kept in memory; undefined when it must be read. */
  cached(token: string): Session | undefined {
    return this.cache.get(hashToken(token));
  }

  async resolve(token: string): Promise<Session | null> {
    const tokenHash = hashToken(token);
    const cached = this.cache.get(tokenHash);
    if (cached !== undefined) return cached;
    const mark = this.cache.begin();
    const found = await findSession(this.db, tokenHash, this.settings.idleMs);
    if (found === null) return null;
    this.cache.keep(mark, tokenHash, found.session, found.expiresAt);
    return found.session;
  }

  /** A new anonymous user with its first session: a first visit can link a bank at once. */
  async startAnonymous(context: RequestContext): Promise<IssuedSession> {
    return this.db.transaction(async (tx) => {
      const userId = crypto.randomUUID();
      await tx.query('INSERT INTO users (id) VALUES ($1)', [userId]);
      return this.issue(tx, userId, false, context);
    });
  }

  /**
   * A session for a user named by a cookie of the days before sessions were rows (a signed user id): the
   * user keeps their data, and the browser gets a session like everyone else's.
   */
  async resumeUser(userId: string, context: RequestContext): Promise<IssuedSession | null> {
    const { rows } = await this.db.query<{ account: boolean }>(
      'SELECT account_created_at IS NOT NULL AS account FROM users WHERE id = $1',
      [userId],
    );
    const user = rows[0];
    // An account is only ever signed in to by proof; an old cookie vouches for anonymous users alone.
    if (!user || user.account) return null;
    return this.issue(this.db, userId, false, context);
  }

  /**
   * Signs `userId` in: the browser's previous session ends, and what it held anonymously becomes the
   * account's. `work` runs in the same transaction (e.g. storing the passkey that proved it).
   */
  async signIn(
    userId: string,
    previous: Session | null,
    context: RequestContext,
    event: AuditEventKind,
    work: (tx: Queryable) => Promise<void> = async () => {},
  ): Promise<IssuedSession> {
    const issued = await this.db.transaction(async (tx) => {
      await recordAudit(tx, { userId, event, userAgent: context.userAgent });
      await work(tx);
      if (previous !== null) {
        await tx.query('DELETE FROM sessions WHERE id = $1', [previous.id]);
        if (previous.userId !== userId && !previous.account) {
          await adoptAnonymousData(tx, previous.userId, userId);
        }
      }
      return this.issue(tx, userId, true, context);
    });
    // The user may have just become an account, and the previous session is over.
    this.cache.forgetUser(userId);
    if (previous !== null) this.cache.forgetSession(previous.id);
    return issued;
  }

  async signOut(session: Session, context: RequestContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      await deleteSession(tx, session.id, session.userId);
      await recordAudit(tx, { userId: session.userId, event: 'signed_out', userAgent: context.userAgent });
    });
    this.cache.forgetSession(session.id);
  }

  async signOutEverywhereElse(session: Session, context: RequestContext): Promise<number> {
    const ended = await this.db.transaction(async (tx) => {
      const ended = await deleteOtherSessions(tx, session.userId, session.id);
      await recordAudit(tx, {
        userId: session.userId,
        event: 'signed_out_everywhere_else',
        userAgent: context.userAgent,
        detail: { ended },
      });
      return ended;
    });
    this.cache.forgetUser(session.userId);
    return ended;
  }

  /** Ends one of the person's other sessions (their own is ended by signing out). */
  async revoke(userId: string, sessionId: string, context: RequestContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await deleteSession(tx, sessionId, userId))) throw notFound('This session');
      await recordAudit(tx, { userId, event: 'session_revoked', userAgent: context.userAgent });
    });
    this.cache.forgetSession(sessionId);
  }

  /** The user is gone (their account deleted): none of their sessions may serve another request here. */
  forgetUser(userId: string): void {
    this.cache.forgetUser(userId);
  }

  async sessions(userId: string, currentId: string | null): Promise<SessionSummary[]> {
    return listSessions(this.db, userId, currentId, this.settings.idleMs);
  }

  private async issue(
    db: Queryable,
    userId: string,
    account: boolean,
    context: RequestContext,
  ): Promise<IssuedSession> {
    return insertSession(db, {
      userId,
      account,
      userAgent: context.userAgent,
      absoluteMs: this.settings.absoluteMs,
    });
  }
}

export const signInRequired = () => new AppError(401, 'SIGN_IN_REQUIRED', 'Sign in to Passbook to continue.');
