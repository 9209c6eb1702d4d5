/**
 * The built server on PGlite with its DATA_DIR on a full disk: it keeps answering, its health says the database
 * cannot write, a job's store fails and is tried again, everything works again once room comes back, and
 * SIGTERM stops it while its writes fail.
 *
 * Two full disks. A tmpfs of the test's own, filled with a file until the filesystem answers ENOSPC and freed
 * by deleting it: PostgreSQL's WAL segment is already allocated there, so what fails is extending tables. Where
 * the machine does not let the test mount one (not root, no `mount`), the test says so and that case runs on
 * the second disk only. The second: ENOSPC injected at the storage layer, every write of the PGlite worker
 * thread refused (`support/enospc.cjs`, loaded with `--require` into the server and so into its worker, while a
 * flag file exists), the WAL's included: PostgreSQL cannot go on from that (PANIC), so the thread ends and is
 * started again once there is room, recovering from its WAL.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/stack.ts';
import { HttpUser } from './support/http.ts';
import {
  type Emulator,
  emulatorEnv,
  killAll,
  type Server,
  startEmulator,
  startServer,
} from './support/processes.ts';

const PUBLIC_URL = 'http://passbook.test';
const ENOSPC_PRELOAD = join(import.meta.dirname, 'support/enospc.cjs');

/** A disk the test can fill and free: a real small filesystem where it may mount one, else the injection. */
interface Disk {
  kind: 'tmpfs' | 'injected';
  dataDir: string;
  nodeArgs: string[];
  env: Record<string, string>;
  fill(): void;
  free(): void;
  remove(): void;
}

function tmpfsDisk(root: string): Disk | string {
  const mountPoint = join(root, 'disk');
  mkdirSync(mountPoint);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  } catch (error) {
    return (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
  }
  const filler = join(mountPoint, 'filler');
  return {
    kind: 'tmpfs',
    dataDir: join(mountPoint, 'data'),
    nodeArgs: [],
    env: {},
    fill() {
      // Writes until the filesystem itself refuses: the disk is then truly full.
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(1024 * 1024);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
    },
    free: () => unlinkSync(filler),
    remove() {
      execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
    },
  };
}

function injectedDisk(root: string): Disk {
  const flag = join(root, 'disk-full');
  return {
    kind: 'injected',
    dataDir: join(root, 'data'),
    nodeArgs: ['--require', ENOSPC_PRELOAD],
    env: { PASSBOOK_TEST_DISK_FULL: flag },
    fill: () => writeFileSync(flag, ''),
    free: () => unlinkSync(flag),
    remove: () => undefined,
  };
}

describe.each(['a filesystem of its own', 'ENOSPC injected into the PGlite thread'] as const)(
  'a full disk under the embedded database: %s',
  (mode) => {
    let root: string;
    let disk: Disk;
    let emulator: Emulator;
    let server: Server;

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'passbook-full-disk-'));
      const mounted = mode === 'a filesystem of its own' ? tmpfsDisk(root) : injectedDisk(root);
      if (typeof mounted === 'string') {
        console.warn(
          `full-disk test: no filesystem of its own can be mounted here (${mounted}); the injected ENOSPC case stands for it`,
        );
        disk = injectedDisk(root);
      } else {
        disk = mounted;
      }
      emulator = await startEmulator({ SANDBOX_PROCESSING_MS: '100' });
    });

    afterAll(async () => {
      await killAll();
      disk?.remove();
      if (root) rmSync(root, { recursive: true, force: true });
    });

    async function start(): Promise<HttpUser> {
      server = await startServer(
        {
          DATA_DIR: disk.dataDir,
          ...emulatorEnv(emulator),
          ...disk.env,
          PUBLIC_URL,
          FLINKS_POLL_INTERVAL_MS: '100',
          JOB_CLAIM_INTERVAL_MS: '100',
          RATE_LIMIT_MAX: '10000',
        },
        `server (${disk.kind} disk)`,
        disk.nodeArgs,
      );
      return new HttpUser(() => server.url, PUBLIC_URL);
    }

    const health = async (user: HttpUser) => {
      const answer = await user.get('/api/health');
      return { status: answer.status, body: answer.json() };
    };

    /**
     * A job whose store meets the full disk: linked while there is room, its data held at the bank until the
     * disk is full; its store then fails, and it is tried again.
     */
    async function linkOnFullDisk(user: HttpUser) {
      await emulator.control.configure({ processingMs: 600_000 });
      // Another bank login than the first link's (the same one would be recognised as linked already).
      const { loginId } = await emulator.control.createLogin('greatday_nomfa+2');
      const { linkId, jobId } = await user.link(loginId);
      await user.waitForJob(jobId, ['retrieving']);
      disk.fill();
      await emulator.control.configure({ processingMs: 100 });
      await server.process.waitFor(
        /"job step failed: database unavailable"/,
        'a job step failing on the full disk',
      );
      return { linkId, jobId, loginId };
    }

    it('keeps answering, says the database cannot write, retries the job, and recovers when room comes back', async () => {
      const user = await start();
      const { loginId } = await emulator.control.createLogin('greatday_nomfa');
      const first = await user.link(loginId);
      expect((await user.waitForJob(first.jobId)).state).toBe('succeeded');
      expect((await health(user)).status).toBe(200);

      const held = await linkOnFullDisk(user);
      const { jobId } = held;
      const failing = await eventually(async () => {
        const answer = await health(user);
        return answer.status === 503 ? answer : undefined;
      }, 'health to report the full disk');
      // Full (the writes fail), or unavailable (the engine stopped on its WAL and cannot start again yet).
      expect(failing.body).toEqual({
        error: {
          code: expect.stringMatching(/^(STORAGE_FULL|DATABASE_UNAVAILABLE)$/),
          message: expect.any(String),
        },
      });
      // The server goes on answering: reads, and writes refused with a reason, never a hang.
      // (When the engine itself has stopped, reads are refused as well, in our shape, at once.)
      const links = await user.get('/api/links');
      if (links.status === 200) expect(links.json().links.length).toBe(2);
      else expect([links.status, links.json().error.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
      const write = await user.post('/api/connect/token');
      expect([200, 503]).toContain(write.status);
      if (write.status === 503) {
        expect(write.json().error.code).toMatch(/^(STORAGE_FULL|DATABASE_UNAVAILABLE)$/);
      }
      // Its failures are logged by code and message, never with what the statement carried.
      for (const line of server.process
        .logLines()
        .filter((entry) => entry.msg === 'job step failed: database unavailable')) {
        expect(JSON.stringify(line)).not.toContain(held.loginId);
      }

      disk.free();
      await eventually(async () => ((await health(user)).status === 200 ? true : undefined), 'health again');
      expect((await user.waitForJob(jobId, ['succeeded', 'failed'], 120_000)).state).toBe('succeeded');
    });

    it('stops on SIGTERM while its writes fail', async () => {
      const user = new HttpUser(() => server.url, PUBLIC_URL);
      try {
        await linkOnFullDisk(user);
        expect([200, 503]).toContain((await user.get('/api/links')).status);
        const exit = await server.process.stop('SIGTERM');
        expect(exit, server.process.output().split('\n').slice(-8).join('\n')).toEqual({
          code: 0,
          signal: null,
        });
        expect(server.process.output()).toContain('"shutting down"');
      } finally {
        disk.free();
      }
    });
  },
);
