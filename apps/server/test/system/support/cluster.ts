/**
 * A PostgreSQL cluster of the test's own, on a free port, that the test may stop and restart at will without
 * touching the shared server. Built with the installed PostgreSQL's `initdb`/`pg_ctl`; PostgreSQL refuses to run
 * as root, so as root (CI) the cluster belongs to the `postgres` system user.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the installed PostgreSQL's server programs are (Debian keeps them per major version). */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = join(root, version, 'bin');
      if (existsSync(join(dir, 'initdb'))) return dir;
    }
  }
  return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const idOf = (flag: '-u' | '-g', user: string) =>
  Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());

export interface Cluster {
  /** A superuser URL of its `postgres` database. */
  url: string;
  /** `pg_ctl restart -m fast`: every connection is cut, as in a real restart; resolves once it accepts again. */
  restart(): void;
  remove(): void;
}

export async function createCluster(): Promise<Cluster> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'passbook-cluster-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const command = [join(bin, program), ...args];
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', ...command], { stdio: 'pipe' });
    else execFileSync(command[0] ?? program, command.slice(1), { stdio: 'pipe' });
  };
  if (asRoot) {
    chmodSync(dir, 0o700);
    chownSync(dir, idOf('-u', 'postgres'), idOf('-g', 'postgres'));
  }
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const ctl = (action: string, ...extra: string[]) =>
    run('pg_ctl', [action, '-D', data, '-o', options, '-l', join(dir, 'log'), '-w', ...extra]);
  ctl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => ctl('restart', '-m', 'fast'),
    remove() {
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
