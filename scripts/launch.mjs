#!/usr/bin/env node
/**
 * Runs the built app. With no FLINKS_API_URL it first starts the Flinks emulator on SANDBOX_PORT, so the app
 * works offline on its embedded defaults (its logins kept in DATA_DIR/sandbox-logins.json); with FLINKS_API_URL
 * set, only the app runs, against that Flinks.
 * Reads `.env` at the root when present. Stops both on Ctrl-C, and both when either exits.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));

const children = [];
let stopping = false;

function start(name, entry) {
  const child = spawn(process.execPath, [entry], { cwd: root, stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function stop(code) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

if (!process.env.FLINKS_API_URL) {
  // The app keeps its LoginIds in DATA_DIR; the emulator keeps the logins behind them beside, so that a refresh
  // still works after a restart.
  process.env.SANDBOX_LOGIN_FILE ??= join(process.env.DATA_DIR ?? 'data', 'sandbox-logins.json');
  start('Flinks emulator', join(root, 'packages', 'flinks-sandbox', 'dist', 'main.mjs'));
}
const passbook = start('Passbook', join(root, 'apps', 'server', 'dist', 'main.mjs'));

const PROGRESS_EVERY_MS = 5_000;

/**
 * Says where to go once the app answers, above its request logs, and until then that it is still starting:
 * a first start creates and migrates the embedded database, which a slow machine may take a minute over.
 */
async function announce() {
  const port = process.env.PORT ?? '3000';
  const local = `http://localhost:${port}`;
  const since = Date.now();
  let lastProgress = since;
  while (!stopping && passbook.exitCode === null) {
    const healthy = await fetch(`${local}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) {
      const flinks = process.env.FLINKS_API_URL
        ? `Flinks at ${process.env.FLINKS_API_URL}`
        : `the offline Flinks emulator at http://localhost:${process.env.SANDBOX_PORT ?? '3001'}`;
      console.log(
        `\nPassbook is ready: open ${process.env.PUBLIC_URL ?? local} (${flinks}). Ctrl-C stops it.\n`,
      );
      return;
    }
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now();
      const seconds = Math.round((lastProgress - since) / 1000);
      console.log(
        `Passbook is still starting (${seconds} s): opening and migrating its database, then listening on ${local}…`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
announce();
