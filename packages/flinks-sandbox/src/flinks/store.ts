/**
 * What the emulated Flinks remembers: authorize tokens, logins (LoginIds) and sessions (RequestIds), with the
 * lifetimes of FLINKS.md §1–2. Expiry is judged lazily against the current settings, so shortening a TTL at
 * run time applies to what already exists; a periodic sweep frees what nobody asks for again.
 */
import { randomUUID } from 'node:crypto';
import type { Day } from '../generator/calendar.ts';
import type { RuntimeSettings } from '../settings.ts';
import { findTestUser, type SecurityQuestion, type TestUser } from './institution.ts';

export type DaysOfTransactions = 'Days90' | 'Days365';

export interface Login {
  readonly id: string;
  readonly user: TestUser;
  /** As the user typed it at connection. */
  readonly username: string;
  /**
   * What the login's data is generated from: its own id, or, for a login connected again with the username of
   * an earlier one, that one's (the bank shows the same person the same accounts).
   */
  readonly dataSeed: string;
  /** The connection, then every successful live refresh. */
  readonly refreshTimes: number[];
  isScheduledRefresh: boolean;
  tag: string | null;
  /** Connect's `daysOfTransactions`: the default window of later GetAccountsDetail calls. */
  daysOfTransactions: DaysOfTransactions | null;
  /**
   * Connect's `detailsAndStatementEnable` / `monthsOfStatements`: how many months of statements Connect
   * gathered (null: it was not asked to), what a later GetStatements without NumberOfStatements answers.
   */
  statementMonths: number | null;
  /** Answers stored with AnswerMFAQuestions, by prompt. */
  readonly mfaAnswers: Map<string, string>;
  lastRefreshError: string | null;
  sessionId: string | null;
}

/** A direct or Connect login whose MFA is not answered yet: no LoginId exists until it is. */
/** A login as kept on disk: everything but its live session (sessions do not outlive the process). */
export interface SavedLogin {
  id: string;
  username: string;
  /** Absent in files written before logins could share their bank's data: the id. */
  dataSeed?: string;
  refreshTimes: number[];
  isScheduledRefresh: boolean;
  tag: string | null;
  daysOfTransactions: DaysOfTransactions | null;
  /** Absent from files written before statements were gathered at connection. */
  statementMonths?: number | null;
  mfaAnswers: Array<[string, string]>;
  lastRefreshError: string | null;
}

/** A direct or Connect login whose MFA is not answered yet: no LoginId exists until it is. */
export interface PendingConnection {
  readonly user: TestUser;
  readonly username: string;
  readonly tag: string | null;
  readonly scheduleRefresh: boolean;
  readonly daysOfTransactions: DaysOfTransactions | null;
  readonly statementMonths?: number | null;
}

export interface DetailOptions {
  readonly withTransactions: boolean;
  readonly withBalance: boolean;
  readonly withAccountIdentity: boolean;
  readonly days: DaysOfTransactions;
  readonly accountsFilter: readonly string[] | null;
  /** `DateFrom` / `DateTo`: the first and last day of transactions, inside the DaysOfTransactions window. */
  readonly dateFrom: Day | null;
  readonly dateTo: Day | null;
  /** `RefreshDelta`: only transactions from this day on (the previous refresh's: days have no time). */
  readonly since: Day | null;
}

export interface Processing {
  readonly startedAt: number;
  lastRequestAt: number;
  /** Async polls answered so far: slow users need a few before their data is ready. */
  polls: number;
  detail: DetailOptions | null;
  summary: DetailOptions | null;
}

export interface Session {
  readonly requestId: string;
  login: Login | null;
  pending: PendingConnection | null;
  state: 'challenged' | 'authorized';
  readonly challenges: readonly SecurityQuestion[];
  /** A live re-authorisation: completing it is a refresh of the login. */
  readonly live: boolean;
  readonly tag: string | null;
  lastActivityAt: number;
  /** How many refreshes of the login this session's data includes. */
  epoch: number;
  processing: Processing | null;
}

export class SandboxStore {
  private readonly tokens = new Map<string, number>();
  private readonly logins = new Map<string, Login>();
  private readonly sessions = new Map<string, Session>();
  /** Told whenever a session ends, for whatever reason. */
  onSessionEnded: (session: Session) => void = () => {};

  constructor(private readonly settings: RuntimeSettings) {}

  issueToken(now: number): string {
    const token = randomUUID();
    this.tokens.set(token, now);
    return token;
  }

  /** Consumes a token: true once, for a token issued here and not yet expired. */
  takeToken(token: unknown, now: number): boolean {
    if (typeof token !== 'string') return false;
    const issuedAt = this.tokens.get(token);
    if (issuedAt === undefined) return false;
    this.tokens.delete(token);
    return now < issuedAt + this.settings.tokenTtlMs;
  }

  createLogin(
    user: TestUser,
    username: string,
    now: number,
    pending?: PendingConnection,
    options: { sameBankAsEarlier?: boolean } = {},
  ): Login {
    const id = randomUUID();
    const login: Login = {
      id,
      user,
      username,
      dataSeed: (options.sameBankAsEarlier && this.earlierLogin(username)?.dataSeed) || id,
      refreshTimes: [now],
      isScheduledRefresh: pending?.scheduleRefresh ?? false,
      tag: pending?.tag ?? null,
      daysOfTransactions: pending?.daysOfTransactions ?? null,
      statementMonths: pending?.statementMonths ?? null,
      mfaAnswers: new Map(),
      lastRefreshError: null,
      sessionId: null,
    };
    this.logins.set(login.id, login);
    return login;
  }

  /** The most recent login made with this username (letter case aside), if any is still held. */
  private earlierLogin(username: string): Login | undefined {
    const wanted = username.trim().toLowerCase();
    let found: Login | undefined;
    for (const login of this.logins.values()) {
      if (login.username.trim().toLowerCase() === wanted) found = login;
    }
    return found;
  }

  login(loginId: unknown): Login | undefined {
    return typeof loginId === 'string' ? this.logins.get(loginId.toLowerCase()) : undefined;
  }

  allLogins(): IterableIterator<Login> {
    return this.logins.values();
  }

  deleteLogin(login: Login): void {
    if (login.sessionId) this.endSession(login.sessionId);
    this.logins.delete(login.id);
  }

  /**
   * Opens a session; a login has one live session at a time, so its previous one ends. `challenges` may be
   * drawn from the new RequestId (the test institution picks its questions per session).
   */
  openSession(
    fields: Omit<Session, 'requestId' | 'processing' | 'epoch' | 'challenges'> & {
      challenges?: readonly SecurityQuestion[];
    },
    drawChallenges?: (requestId: string) => readonly SecurityQuestion[],
  ): Session {
    const requestId = randomUUID();
    const session: Session = {
      ...fields,
      challenges: drawChallenges ? drawChallenges(requestId) : (fields.challenges ?? []),
      requestId,
      processing: null,
      epoch: fields.login?.refreshTimes.length ?? 0,
    };
    if (session.login) this.attach(session, session.login);
    this.sessions.set(session.requestId, session);
    return session;
  }

  /** Makes `session` the one live session of `login`. */
  attach(session: Session, login: Login): void {
    if (login.sessionId && login.sessionId !== session.requestId) this.endSession(login.sessionId);
    session.login = login;
    login.sessionId = session.requestId;
  }

  /** The live session of a RequestId, or undefined when unknown, ended or expired. */
  session(requestId: unknown, now: number): Session | undefined {
    if (typeof requestId !== 'string') return undefined;
    const session = this.sessions.get(requestId.toLowerCase());
    if (!session) return undefined;
    if (this.isExpired(session, now)) {
      this.endSession(session.requestId);
      return undefined;
    }
    return session;
  }

  isExpired(session: Session, now: number): boolean {
    return session.processing
      ? now >= session.processing.lastRequestAt + this.settings.sessionProcessingTtlMs
      : now >= session.lastActivityAt + this.settings.sessionIdleTtlMs;
  }

  endSession(requestId: string): void {
    const session = this.sessions.get(requestId);
    if (!session) return;
    this.sessions.delete(requestId);
    if (session.login?.sessionId === requestId) session.login.sessionId = null;
    this.onSessionEnded(session);
  }

  /** Ends the sessions named by RequestId and/or by LoginId now; returns how many ended. */
  expire(target: { requestId?: string; loginId?: string }): number {
    const ended = new Set<string>();
    if (target.requestId && this.sessions.has(target.requestId.toLowerCase())) {
      ended.add(target.requestId.toLowerCase());
    }
    const loginSession = target.loginId ? this.login(target.loginId)?.sessionId : null;
    if (loginSession) ended.add(loginSession);
    for (const requestId of ended) this.endSession(requestId);
    return ended.size;
  }

  sweep(now: number): void {
    for (const [token, issuedAt] of this.tokens) {
      if (now >= issuedAt + this.settings.tokenTtlMs) this.tokens.delete(token);
    }
    for (const session of this.sessions.values()) {
      if (this.isExpired(session, now)) this.endSession(session.requestId);
    }
  }

  /** The logins, as `restore` takes them back. */
  savedLogins(): SavedLogin[] {
    return [...this.logins.values()].map((login) => ({
      id: login.id,
      username: login.username,
      dataSeed: login.dataSeed,
      refreshTimes: [...login.refreshTimes],
      isScheduledRefresh: login.isScheduledRefresh,
      tag: login.tag,
      daysOfTransactions: login.daysOfTransactions,
      statementMonths: login.statementMonths,
      mfaAnswers: [...login.mfaAnswers],
      lastRefreshError: login.lastRefreshError,
    }));
  }

  /** Takes back saved logins; their data is generated from their seed, so it comes back the same. */
  restore(saved: readonly SavedLogin[]): void {
    for (const entry of saved) {
      const user = findTestUser(entry.username);
      if (!user) throw new Error(`saved login ${entry.id} names no test user (${entry.username})`);
      this.logins.set(entry.id.toLowerCase(), {
        id: entry.id.toLowerCase(),
        user,
        username: entry.username,
        dataSeed: entry.dataSeed ?? entry.id.toLowerCase(),
        refreshTimes: [...entry.refreshTimes],
        isScheduledRefresh: entry.isScheduledRefresh,
        tag: entry.tag,
        daysOfTransactions: entry.daysOfTransactions,
        statementMonths: entry.statementMonths ?? null,
        mfaAnswers: new Map(entry.mfaAnswers),
        lastRefreshError: entry.lastRefreshError,
        sessionId: null,
      });
    }
  }

  clear(): void {
    for (const requestId of [...this.sessions.keys()]) this.endSession(requestId);
    this.tokens.clear();
    this.logins.clear();
  }
}
