/**
 * The built server and the built emulator as real processes: spawned with an environment of their own (nothing
 * inherited but PATH), their output kept for the test to read, stopped with the signal the test chooses. Every
 * process still running when the test process ends is killed, so a failed test leaves nothing behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SandboxControl } from '@passbook/flinks-sandbox';

export const REPOSITORY = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const SERVER_ENTRY = join(REPOSITORY, 'apps/server/dist/main.mjs');
export const EMULATOR_ENTRY = join(REPOSITORY, 'packages/flinks-sandbox/dist/main.mjs');
export const WEB_DIST = join(REPOSITORY, 'apps/web/dist');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A node process whose stdout and stderr are kept, interleaved, for the test to read. */
export class NodeProcess {
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private text = '';
  private readonly waiters = new Set<() => void>();
  private exit: Exit | null = null;

  constructor(
    readonly name: string,
    entry: string,
    env: Record<string, string>,
    nodeArgs: readonly string[] = [],
  ) {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`pnpm run build\` first`);
    this.child = spawn(process.execPath, [...nodeArgs, entry], {
      cwd: REPOSITORY,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(this.child);
    const collect = (chunk: Buffer) => {
      this.text += chunk.toString('utf8');
      for (const waiter of this.waiters) waiter();
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        running.delete(this.child);
        this.exit = { code, signal };
        for (const waiter of this.waiters) waiter();
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name} did not start`);
    return this.child.pid;
  }

  get alive(): boolean {
    return this.exit === null;
  }

  /** Everything it wrote so far, stdout and stderr. */
  output(): string {
    return this.text;
  }

  /** Its output lines that are JSON objects (pino's structured log). */
  logLines(): Array<Record<string, unknown>> {
    return this.text.split('\n').flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** Resolves with the first match of `pattern` in its output; rejects if it exits or time runs out first. */
  waitFor(pattern: RegExp, what: string, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.text.match(pattern);
        if (match) return done(() => resolve(match));
        if (this.exit) {
          done(() =>
            reject(
              new Error(
                `${this.name} exited (${this.exit?.signal ?? this.exit?.code}) before ${what}:\n${this.text}`,
              ),
            ),
          );
        }
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`${this.name}: timed out waiting for ${what}:\n${this.text}`))),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Sends `signal` and waits for the process to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    if (this.exit) return this.exit;
    this.child.kill(signal);
    return this.exited;
  }
}

/** Kills (SIGKILL) every process of this test file still running. */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

export interface Emulator {
  process: NodeProcess;
  url: string;
  connectUrl: string;
  control: SandboxControl;
}

/** The built emulator on a free port of 127.0.0.1, ready when resolved. */
export async function startEmulator(env: Record<string, string> = {}): Promise<Emulator> {
  const child = new NodeProcess('emulator', EMULATOR_ENTRY, {
    SANDBOX_PORT: '0',
    SANDBOX_HOST: '127.0.0.1',
    ...env,
  });
  const [, url] = await child.waitFor(/listening on (http:\/\/[^\s]+) /, 'listening');
  if (!url) throw new Error('the emulator printed no URL');
  const health = await fetch(`${url}/__sandbox/health`);
  if (!health.ok) throw new Error(`emulator health answered ${health.status}`);
  return { process: child, url, connectUrl: `${url}/v2/`, control: new SandboxControl(url) };
}

/**
 * A first start creates and migrates the embedded database, which takes seconds on an idle machine and far
 * longer on a busy one; the server never gives up on it, so neither does the test, within reason.
 */
const STARTUP_TIMEOUT_MS = 100_000;

export interface Server {
  process: NodeProcess;
  url: string;
}

/** The environment that points a server at this emulator. */
export function emulatorEnv(emulator: Emulator): Record<string, string> {
  return { FLINKS_API_URL: emulator.url, FLINKS_CONNECT_URL: emulator.connectUrl };
}

/**
 * The built server on a free port of 127.0.0.1, resolved once it answers its health check. Its address is read
 * from its log, so LOG_LEVEL must be `info` or more verbose.
 */
export async function startServer(
  env: Record<string, string>,
  name = 'server',
  nodeArgs: readonly string[] = [],
): Promise<Server> {
  const child = new NodeProcess(
    name,
    SERVER_ENTRY,
    { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    nodeArgs,
  );
  const [, url] = await child.waitFor(
    /"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/,
    'listening',
    STARTUP_TIMEOUT_MS,
  );
  if (!url) throw new Error('the server logged no address');
  const health = await fetch(`${url}/api/health`);
  if (!health.ok) throw new Error(`${name} health answered ${health.status}: ${await health.text()}`);
  return { process: child, url };
}
