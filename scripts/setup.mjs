#!/usr/bin/env node
/**
 * The entry behind `npm start`, `npm test` and `pnpm bench`: on a machine with only Node (20 or later) and npm,
 * install what is missing (Node 24 itself when the machine's is older, pnpm, the workspace's dependencies, and
 * for tests Debian's Chromium), build what changed, then run. Every step checks first and skips when there is
 * nothing to do, so a second run is fast.
 *
 * Uses Node's built-ins only, and runs on Node 20: nothing else exists yet when it starts.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.21.0';
/** The Node the project runs on, from the npm registry's platform package when the machine's is older. */
const NODE_VERSION = '24.22.3';
const nodeDir = join(root, '.tools', 'node');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const stampDir = join(root, 'node_modules', '.cache', 'passbook');

function log(message) {
  console.log(`\x1b[36m▸ ${message}\x1b[0m`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function mustRun(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} exited with ${status}`);
    process.exit(status);
  }
}

function output(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The major version `engines.node` of the root package.json asks for. */
function requiredNodeMajor() {
  const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines?.node ?? '';
  const major = /(\d+)/.exec(range)?.[1];
  if (!major) throw new Error(`package.json: engines.node "${range}" names no version`);
  return Number(major);
}

/**
 * Node 24 when the running one is older: the registry's `node-<platform>-<arch>` package carries the binary
 * inside its tarball, so npm installs it like any package into `.tools/node`. Then this script starts again on
 * it, with its folder first on PATH, so that pnpm, the build, the server, the emulator, the tests and the
 * benchmarks all run on it.
 */
function ensureNode() {
  const major = requiredNodeMajor();
  if (Number(process.versions.node.split('.')[0]) >= major) return;
  if (Number(NODE_VERSION.split('.')[0]) < major)
    throw new Error(`NODE_VERSION ${NODE_VERSION} < engines ${major}`);
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const name = `node-${platform}-${process.arch}`;
  const binDir = join(nodeDir, 'node_modules', name, 'bin');
  const binary = join(binDir, platform === 'win' ? 'node.exe' : 'node');
  if (output(binary, ['--version']) !== `v${NODE_VERSION}`) {
    log(`installing Node ${NODE_VERSION} from the npm registry (this machine has ${process.version})`);
    mkdirSync(nodeDir, { recursive: true });
    mustRun('npm', [
      'install',
      '--prefix',
      nodeDir,
      `${name}@${NODE_VERSION}`,
      '--no-save',
      '--no-package-lock',
      '--no-fund',
      '--no-audit',
    ]);
  }
  const env = { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}` };
  const result = spawnSync(binary, process.argv.slice(1), { cwd: root, stdio: 'inherit', env });
  process.exit(result.status ?? 1);
}

/** pnpm: the pinned version, installed globally with npm when absent (locally when npm may not write there). */
function ensurePnpm() {
  if (output('pnpm', ['--version']) === PNPM_VERSION) return 'pnpm';
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  if (existsSync(local) && output(local, ['--version']) === PNPM_VERSION) return local;
  log(`installing pnpm ${PNPM_VERSION}`);
  if (run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`, '--no-fund', '--no-audit']) === 0)
    return 'pnpm';
  log('global install refused: installing pnpm into .tools/');
  mustRun('npm', [
    'install',
    '--prefix',
    join(root, '.tools'),
    `pnpm@${PNPM_VERSION}`,
    '--no-fund',
    '--no-audit',
  ]);
  return local;
}

/** A digest of the files that decide what `pnpm install` produces. */
function manifestDigest() {
  const hash = createHash('sha256');
  const manifests = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'];
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(root, group))) manifests.push(join(group, name, 'package.json'));
  }
  manifests.push(join('e2e', 'package.json'));
  for (const file of manifests) {
    if (existsSync(join(root, file))) hash.update(file).update(readFileSync(join(root, file)));
  }
  return hash.digest('hex');
}

function stampMatches(name, digest) {
  const file = join(stampDir, name);
  return existsSync(file) && readFileSync(file, 'utf8') === digest;
}

function writeStamp(name, digest) {
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(join(stampDir, name), digest);
}

function ensureDependencies(pnpm) {
  const digest = manifestDigest();
  if (existsSync(join(root, 'node_modules', '.modules.yaml')) && stampMatches('install', digest)) return;
  log('installing dependencies');
  mustRun(pnpm, ['install', '--frozen-lockfile']);
  writeStamp('install', manifestDigest());
}

/** Debian's Chromium, for Playwright: it cannot download a browser of its own here. */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `✗ Chromium is missing at ${CHROMIUM}. Install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  log('installing Chromium from Debian');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  mustRun('apt-get', ['update', '-qq'], { env });
  mustRun('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env });
}

/** Newest modification time and count of the files a build reads. */
function sourceDigest() {
  const hash = createHash('sha256');
  const skip = new Set(['node_modules', 'dist', 'test', 'data', '.turbo']);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
      }
    }
  };
  for (const dir of ['apps', 'packages']) walk(join(root, dir));
  return hash.digest('hex');
}

function ensureBuild(pnpm) {
  const digest = sourceDigest();
  if (stampMatches('build', digest)) return;
  log('building');
  mustRun(pnpm, ['run', 'build']);
  writeStamp('build', digest);
}

const mode = process.argv[2];
ensureNode();
const pnpm = ensurePnpm();
ensureDependencies(pnpm);

if (mode === 'start') {
  ensureBuild(pnpm);
  process.exitCode = run(process.execPath, [join(root, 'scripts', 'launch.mjs')]);
} else if (mode === 'test') {
  ensureChromium();
  const steps = [
    ['lint', ['run', 'lint']],
    ['typecheck', ['run', 'typecheck']],
    ['build', ['run', 'build']],
    ['unit and integration tests', ['run', 'test:unit']],
    ['end-to-end tests', ['run', 'test:e2e']],
  ];
  for (const [name, args] of steps) {
    log(name);
    mustRun(pnpm, args);
  }
  writeStamp('build', sourceDigest());
} else if (mode === 'bench') {
  process.exitCode = run(process.execPath, [join(root, 'scripts', 'bench.mjs')]);
} else {
  console.error('usage: node scripts/setup.mjs start|test|bench');
  process.exit(2);
}
