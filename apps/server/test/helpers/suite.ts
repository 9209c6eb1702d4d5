/**
 * What a test file's `describe.each(ENGINES)` block sets up once: a database of the engine, an app on it and,
 * for the tests that retrieve data, an emulator the app links banks through. Called in the block's body, it
 * registers the hooks that open them before the block's tests and close them after; the handle it returns is
 * read inside the tests.
 */
import type { Sandbox } from '@passbook/flinks-sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { storeAccountsDetail } from '../../src/accounts/store.ts';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { Browser } from './browser.ts';
import { testConfig } from './config.ts';
import { type Engine, openTestDatabase, type TestDatabase } from './database.ts';
import { type AccountSpec, accountsDetail } from './flinks-data.ts';
import { appOn, type JobView, startSandbox, waitForJob } from './stack.ts';

export interface AppSuite {
  readonly database: TestDatabase;
  readonly app: FastifyInstance;
}

export interface StackSuite extends AppSuite {
  readonly sandbox: Sandbox;
}

/** A value set by a `beforeAll`, read by the tests: reading it earlier is a mistake in the test file. */
function late<T>(what: string) {
  let value: T | undefined;
  return {
    set: (next: T) => {
      value = next;
    },
    get: (): T => {
      if (value === undefined) throw new Error(`${what} is opened in beforeAll; read it inside a test`);
      return value;
    },
    /** What was opened, if it was: a `beforeAll` that failed half-way still closes what it opened. */
    opened: (): T | undefined => value,
  };
}

/**
 * A database of `engine`, migrated, for the block's tests; `timeoutMs` bounds its opening where the block's
 * first hook does more. It reads as the `TestDatabase` it stands for.
 */
export function useDatabase(engine: Engine, timeoutMs?: number): TestDatabase {
  const database = late<TestDatabase>('the database');
  beforeAll(async () => {
    database.set(await openTestDatabase(engine));
  }, timeoutMs);
  // Registered first, so run last: after the hooks of the block that close what uses it.
  afterAll(async () => {
    await database.opened()?.close();
  });
  return {
    get db() {
      return database.get().db;
    },
    reopen: () => database.get().reopen(),
    close: () => database.get().close(),
  };
}

/** A database of `engine` and an app on it that runs no jobs: for tests that store what a job would. */
export function useApp(engine: Engine): AppSuite {
  const database = useDatabase(engine);
  const app = late<FastifyInstance>('the app');
  beforeAll(async () => {
    app.set(await buildApp(testConfig(), { database: database.db, runJobs: false }));
  });
  afterAll(async () => {
    await app.opened()?.close();
  });
  return {
    database,
    get app() {
      return app.get();
    },
  };
}

/**
 * A database of `engine`, an emulator (its state reset before each test) and an app on both that runs jobs;
 * `env` is the app's environment beyond the emulator's URLs.
 */
export function useStack(engine: Engine, env: Record<string, string> = {}): StackSuite {
  const database = late<TestDatabase>('the database');
  const sandbox = late<Sandbox>('the emulator');
  const app = late<FastifyInstance>('the app');
  beforeAll(async () => {
    await Promise.all([openTestDatabase(engine).then(database.set), startSandbox().then(sandbox.set)]);
    app.set(await appOn(sandbox.get(), database.get().db, env));
  });
  beforeEach(async () => {
    await sandbox.get().control.reset();
  });
  afterAll(async () => {
    await app.opened()?.close();
    await sandbox.opened()?.close();
    await database.opened()?.close();
  });
  return {
    get database() {
      return database.get();
    },
    get sandbox() {
      return sandbox.get();
    },
    get app() {
      return app.get();
    },
  };
}

export interface AccountView {
  id: string;
  title: string;
  kind: string;
  currency: string;
}

export interface LinkedBank {
  user: Browser;
  loginId: string;
  link: { id: string };
  /** The link job, finished (succeeded or failed: the test says which it expects). */
  job: JobView;
  /** The link's accounts once its job finished. */
  accounts: AccountView[];
}

/**
 * A person who linked a login of the emulator's `username` through `on` (the suite's app by default), with
 * the link job finished; `user` links it into an existing person's session.
 */
export async function linkBank(
  stack: { app: FastifyInstance; sandbox: Sandbox },
  username = 'greatday_nomfa',
  { on = stack.app, user = new Browser(on) }: { on?: FastifyInstance; user?: Browser } = {},
): Promise<LinkedBank> {
  const { loginId } = await stack.sandbox.control.createLogin(username);
  const created = (await user.post('/api/links', { loginId })).json();
  const job = await waitForJob(user, created.job.id);
  const accounts = (await user.get(`/api/links/${created.link.id}`)).json().link.accounts as AccountView[];
  return { user, loginId, link: created.link, job, accounts };
}

/**
 * A person with one link whose job never runs, and `store`, which stores a GetAccountsDetail answer built from
 * `accounts` into it as a finished job would (at `at`, by default now).
 */
export async function linkWithoutBank({ app, database }: AppSuite) {
  const user = new Browser(app);
  const { link } = (await user.post('/api/links', { loginId: crypto.randomUUID() })).json();
  const userId = await user.userId();
  const store = (accounts: AccountSpec[], at?: Date) =>
    database.db.transaction((tx) =>
      storeAccountsDetail(tx, { id: link.id, userId }, accountsDetail(accounts), at),
    );
  return { user, userId, link: link as { id: string }, store };
}

/** How many rows `FROM …` (the rest of the query after it) finds. */
export async function countRows(database: Database, from: string, params: unknown[]): Promise<number> {
  const { rows } = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from}`, params);
  return rows[0]?.n ?? -1;
}
