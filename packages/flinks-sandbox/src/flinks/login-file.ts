/**
 * Keeps the emulator's logins in a JSON file, so that a restarted emulator still knows the LoginIds it handed
 * out, as Flinks does: an app that stored one can refresh it after both were restarted. Sessions, tokens and
 * faults are not kept; they would have expired or been meant for the previous run. Writes are debounced and
 * atomic (a temporary file renamed over the old one); `flush` writes at once, for a clean stop.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SandboxStore, SavedLogin } from './store.ts';

const FORMAT = 1;
const WRITE_AFTER_MS = 100;

function isStringPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string');
}

function isSavedLogin(value: unknown): value is SavedLogin {
  if (typeof value !== 'object' || value === null) return false;
  const login = value as Record<string, unknown>;
  return (
    typeof login.id === 'string' &&
    typeof login.username === 'string' &&
    Array.isArray(login.refreshTimes) &&
    login.refreshTimes.every((time) => Number.isFinite(time)) &&
    typeof login.isScheduledRefresh === 'boolean' &&
    (login.tag === null || typeof login.tag === 'string') &&
    (login.daysOfTransactions === null ||
      login.daysOfTransactions === 'Days90' ||
      login.daysOfTransactions === 'Days365') &&
    (login.statementMonths === undefined ||
      login.statementMonths === null ||
      Number.isInteger(login.statementMonths)) &&
    Array.isArray(login.mfaAnswers) &&
    login.mfaAnswers.every(isStringPair) &&
    (login.lastRefreshError === null || typeof login.lastRefreshError === 'string')
  );
}

/** The logins a file holds; none when it does not exist. Throws, naming the file, when it cannot be read. */
export function readLoginFile(path: string): SavedLogin[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not JSON; remove it to start with no logins`);
  }
  const file = parsed as { format?: unknown; logins?: unknown };
  if (file?.format !== FORMAT || !Array.isArray(file.logins) || !file.logins.every(isSavedLogin)) {
    throw new Error(`${path} is not a file of emulator logins; remove it to start with no logins`);
  }
  return file.logins;
}

export class LoginFile {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly path: string,
    private readonly store: SandboxStore,
  ) {}

  /** Restores the logins saved by an earlier run; returns how many. */
  load(): number {
    const saved = readLoginFile(this.path);
    this.store.restore(saved);
    return saved.length;
  }

  /** Writes the logins shortly, once for a burst of changes. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.flush();
      } catch (error) {
        // The emulator goes on serving from memory; the next change tries again.
        console.error(`Flinks emulator could not save its logins to ${this.path}: ${String(error)}`);
      }
    }, WRITE_AFTER_MS);
    this.timer.unref();
  }

  /** Writes the logins now. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ format: FORMAT, logins: this.store.savedLogins() })}\n`, {
      mode: 0o600,
    });
    renameSync(temporary, this.path);
  }
}
