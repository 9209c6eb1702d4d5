/** One emulator's state and services, created once per app and shared by the Flinks, Connect and control routes. */

import { ConnectSessions } from './connect/sessions.ts';
import { CallLog } from './control/calls.ts';
import { Faults } from './control/faults.ts';
import { Authorizer } from './flinks/authorize.ts';
import { Bodies } from './flinks/bodies.ts';
import { LoginFile } from './flinks/login-file.ts';
import { type CompletedRequest, Retrieval } from './flinks/retrieval.ts';
import { SandboxStore } from './flinks/store.ts';
import { LruCache } from './generator/cache.ts';
import { dayAt } from './generator/calendar.ts';
import { checkRuntimeSettings, type ResolvedOptions, type RuntimeSettings } from './settings.ts';
import { Timers } from './timers.ts';
import { Webhooks } from './webhooks/deliveries.ts';

const SWEEP_EVERY_MS = 60_000;

export class SandboxContext {
  readonly settings: RuntimeSettings;
  readonly timers = new Timers();
  readonly store: SandboxStore;
  readonly bodies = new Bodies();
  readonly faults = new Faults();
  readonly authorizer: Authorizer;
  readonly retrieval: Retrieval;
  readonly webhooks: Webhooks;
  readonly calls: CallLog;
  readonly connect: ConnectSessions;
  /**
   * GetAccountsDetail requests whose processing completed, by lower-case RequestId: GetCategorization reads
   * them after their session has ended. Bounded: the oldest are forgotten first.
   */
  readonly completed = new LruCache<string, CompletedRequest>(20_000);
  /** Where the logins are kept across restarts, when the options name a file. */
  readonly loginFile: LoginFile | null;
  private readonly sweeper: NodeJS.Timeout;

  constructor(readonly options: ResolvedOptions) {
    this.settings = this.initialSettings();
    this.store = new SandboxStore(this.settings);
    this.loginFile = options.loginFile ? new LoginFile(options.loginFile, this.store) : null;
    this.loginFile?.load();
    this.authorizer = new Authorizer(this.store, this.faults, this.now);
    this.webhooks = new Webhooks(this.settings, this.timers, (request) => {
      const login = this.store.login(request.loginId);
      if (!login) return null;
      return this.bodies.dataBody({
        login,
        epoch: request.epoch,
        kind: 'detail',
        options: request.options,
        requestId: request.requestId,
        tag: request.tag,
        today: dayAt(this.now()),
        responseType: 'GetAccountsDetail',
      });
    });
    this.retrieval = new Retrieval(this.store, this.settings, this.timers, this.now, (request) => {
      this.completed.set(request.requestId.toLowerCase(), request);
      this.webhooks.completedRequest(request);
    });
    this.store.onSessionEnded = (session) => this.retrieval.forget(session);
    this.calls = new CallLog(options.callLogLimit);
    this.connect = new ConnectSessions(this.settings, this.now);
    this.sweeper = setInterval(() => {
      this.store.sweep(this.now());
      this.connect.sweep();
    }, SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  readonly now = (): number => Date.now();

  private initialSettings(): RuntimeSettings {
    const { processingMs, holdMs, tokenTtlMs, sessionIdleTtlMs, sessionProcessingTtlMs, webhook } =
      this.options;
    return { processingMs, holdMs, tokenTtlMs, sessionIdleTtlMs, sessionProcessingTtlMs, webhook };
  }

  /** Changes settings at run time; processing already under way follows the new processing time. */
  configure(changes: Partial<RuntimeSettings>): void {
    checkRuntimeSettings(changes);
    const known = Object.keys(this.initialSettings());
    for (const key of Object.keys(changes)) {
      if (!known.includes(key)) throw new RangeError(`unknown setting ${key}`);
    }
    Object.assign(this.settings, changes);
    this.retrieval.reschedule();
  }

  /** Forgets faults, calls, logins, sessions, tokens and deliveries; settings go back to the options'. */
  reset(): void {
    this.retrieval.clear();
    this.timers.clear();
    this.store.clear();
    this.bodies.clear();
    this.completed.clear();
    this.webhooks.clear();
    this.faults.clear();
    this.calls.clear();
    this.connect.clear();
    Object.assign(this.settings, this.initialSettings());
  }

  close(): void {
    clearInterval(this.sweeper);
    this.loginFile?.flush();
    this.reset();
  }
}
