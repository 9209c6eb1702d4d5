/**
 * Authorisation, shared by `/Authorize` and the Connect page: cached, live and direct logins, and answers to
 * security challenges. Returns values; the HTTP layers shape them into bodies.
 */
import type { Faults } from '../control/faults.ts';
import { FlinksFailure, failures } from './errors.ts';
import {
  behaviourFailure,
  challengesOf,
  findTestUser,
  isFlinksCapital,
  type SecurityQuestion,
  sameAnswer,
  type TestUser,
} from './institution.ts';
import { credentialsFailure } from './nightly-refresh.ts';
import type { DaysOfTransactions, Login, PendingConnection, SandboxStore, Session } from './store.ts';

export type AuthorizeOutcome =
  | { readonly kind: 'authorized'; readonly session: Session; readonly login: Login }
  | { readonly kind: 'challenged'; readonly session: Session }
  | { readonly kind: 'failed'; readonly failure: FlinksFailure; readonly session?: Session };

export interface DirectLogin {
  username: unknown;
  password: unknown;
  institution: unknown;
  tag?: string | null;
  scheduleRefresh?: boolean;
  daysOfTransactions?: DaysOfTransactions | null;
  statementMonths?: number | null;
}

const failed = (failure: FlinksFailure, session?: Session): AuthorizeOutcome =>
  session ? { kind: 'failed', failure, session } : { kind: 'failed', failure };

export class Authorizer {
  constructor(
    private readonly store: SandboxStore,
    private readonly faults: Faults,
    private readonly now: () => number,
  ) {}

  /**
   * `{LoginId, MostRecentCached}`: cached does not contact the bank; live may ask MFA (203) and refreshes. A
   * cached call of an MFA login answers 203 too while an `mfa` fault is armed, as real Flinks sometimes does.
   */
  withLogin(loginId: unknown, mostRecentCached: boolean, tag: string | null): AuthorizeOutcome {
    const login = this.store.login(loginId);
    if (!login) return failed(failures.unknownLogin());
    const now = this.now();
    const behaviour = login.user.behaviour;
    if (behaviour.kind === 'mfa' && this.faults.take('Authorize', ['mfa'], login.user.username, login.id)) {
      const session = this.openChallenged(login, !mostRecentCached, tag ?? login.tag, now);
      return { kind: 'challenged', session };
    }
    if (mostRecentCached) {
      const session = this.store.openSession({
        login,
        pending: null,
        state: 'authorized',
        challenges: [],
        live: false,
        tag: tag ?? login.tag,
        lastActivityAt: now,
      });
      return { kind: 'authorized', session, login };
    }
    const failure = behaviourFailure(behaviour) ?? credentialsFailure(login);
    if (failure) {
      // The attempt ends the login's previous session like any other; its own RequestId lives no further.
      const session = this.store.openSession({
        login,
        pending: null,
        state: 'challenged',
        challenges: [],
        live: true,
        tag,
        lastActivityAt: now,
      });
      this.store.endSession(session.requestId);
      login.lastRefreshError = failure.code;
      return failed(failure, session);
    }
    if (behaviour.kind === 'mfa') {
      return { kind: 'challenged', session: this.openChallenged(login, true, tag ?? login.tag, now) };
    }
    const session = this.store.openSession({
      login,
      pending: null,
      state: 'authorized',
      challenges: [],
      live: true,
      tag: tag ?? login.tag,
      lastActivityAt: now,
    });
    this.refreshed(session, login, now);
    return { kind: 'authorized', session, login };
  }

  /** `{Username, Password, Institution}`: a new connection, as Connect makes one. */
  direct(request: DirectLogin): AuthorizeOutcome {
    if (typeof request.username !== 'string' || typeof request.password !== 'string') {
      return failed(failures.invalidRequest('Username and Password are required'));
    }
    if (!isFlinksCapital(request.institution)) {
      return failed(failures.invalidRequest('Only the institution FlinksCapital exists on this instance'));
    }
    const user = findTestUser(request.username);
    if (!user) return failed(failures.invalidUsername());
    if (user.password !== request.password) return failed(failures.invalidPassword());
    const now = this.now();
    const failure = behaviourFailure(user.behaviour);
    if (failure) {
      // Flinks names the attempt that failed: a RequestId that lives no further.
      const session = this.store.openSession({
        login: null,
        pending: null,
        state: 'challenged',
        challenges: [],
        live: false,
        tag: request.tag ?? null,
        lastActivityAt: now,
      });
      this.store.endSession(session.requestId);
      return failed(failure, session);
    }
    const pending: PendingConnection = {
      user,
      username: request.username.trim(),
      tag: request.tag ?? null,
      scheduleRefresh: request.scheduleRefresh ?? false,
      daysOfTransactions: request.daysOfTransactions ?? null,
      statementMonths: request.statementMonths ?? null,
    };
    if (user.behaviour.kind === 'mfa') {
      const behaviour = user.behaviour;
      const session = this.store.openSession(
        { login: null, pending, state: 'challenged', live: false, tag: pending.tag, lastActivityAt: now },
        (requestId) => challengesOf(behaviour, requestId),
      );
      return { kind: 'challenged', session };
    }
    return this.connect(user, pending, now);
  }

  /** `{RequestId, SecurityResponses}`: keys are prompt texts, values arrays of answers. */
  answer(requestId: unknown, responses: unknown): AuthorizeOutcome {
    const now = this.now();
    const session = this.store.session(requestId, now);
    if (!session) return failed(failures.noSession(String(requestId)));
    session.lastActivityAt = now;
    if (session.state === 'authorized' && session.login) {
      return { kind: 'authorized', session, login: session.login };
    }
    if (typeof responses !== 'object' || responses === null || Array.isArray(responses)) {
      return failed(failures.invalidRequest('SecurityResponses must be an object of arrays'), session);
    }
    const given = new Map<string, string[]>();
    for (const [prompt, value] of Object.entries(responses)) {
      const question = session.challenges.find((candidate) => sameAnswer(candidate.prompt, prompt));
      if (!question) {
        return failed(
          new FlinksFailure('QUESTION_NOT_FOUND', `The question "${prompt}" was not asked in this session`),
          session,
        );
      }
      given.set(question.prompt, (Array.isArray(value) ? value : [value]).map(String));
    }
    for (const question of session.challenges) {
      const answers = given.get(question.prompt);
      if (!answers || answers.length === 0) {
        return failed(
          new FlinksFailure('SECURITYRESPONSES_INCOMPLETE', `No answer was given to "${question.prompt}"`),
          session,
        );
      }
      const expected = this.expectedAnswer(session, question);
      if (!answers.some((answer) => sameAnswer(answer, expected))) {
        return failed(
          new FlinksFailure('INVALID_SECURITY_RESPONSE', 'The answer to the security challenge is incorrect'),
          session,
        );
      }
    }
    session.state = 'authorized';
    const pending = session.pending;
    if (pending) {
      const login = this.store.createLogin(pending.user, pending.username, now, pending, {
        sameBankAsEarlier: true,
      });
      this.store.attach(session, login);
      session.pending = null;
      session.epoch = login.refreshTimes.length;
      return { kind: 'authorized', session, login };
    }
    const login = session.login;
    if (!login) return failed(failures.noSession(session.requestId));
    if (session.live) this.refreshed(session, login, now);
    return { kind: 'authorized', session, login };
  }

  /** A session of an MFA login waiting for the answers to the questions its bank draws for it. */
  private openChallenged(login: Login, live: boolean, tag: string | null, now: number): Session {
    const behaviour = login.user.behaviour;
    return this.store.openSession(
      { login, pending: null, state: 'challenged', live, tag, lastActivityAt: now },
      (requestId) => (behaviour.kind === 'mfa' ? challengesOf(behaviour, requestId) : []),
    );
  }

  private expectedAnswer(session: Session, question: SecurityQuestion): string {
    return session.login?.mfaAnswers.get(question.prompt) ?? question.answer;
  }

  private connect(user: TestUser, pending: PendingConnection, now: number): AuthorizeOutcome {
    const login = this.store.createLogin(user, pending.username, now, pending, { sameBankAsEarlier: true });
    const session = this.store.openSession({
      login,
      pending: null,
      state: 'authorized',
      challenges: [],
      live: false,
      tag: login.tag,
      lastActivityAt: now,
    });
    return { kind: 'authorized', session, login };
  }

  /** A successful live authorisation: the login's data now includes what happened since its last refresh. */
  private refreshed(session: Session, login: Login, now: number): void {
    login.refreshTimes.push(Math.max(now, (login.refreshTimes.at(-1) ?? 0) + 1));
    login.lastRefreshError = null;
    session.epoch = login.refreshTimes.length;
  }
}
