/**
 * PostgreSQL restarted (`pg_ctl restart -m fast`) while a job is inside its store transaction: every connection
 * the server holds is cut — the job's, the idle pool's and the LISTEN connection. The process must survive it,
 * the job's transaction fails and the job finishes from its row (polling, not asking Flinks again), and LISTEN
 * listens again. On a cluster of the test's own, so the shared PostgreSQL is never restarted.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/stack.ts';
import { type Cluster, createCluster } from './support/cluster.ts';
import { TEST_DATABASE_URL } from './support/database.ts';
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
/** The data is ready only this long after the request: the test takes its lock well before. */
const PROCESSING_MS = 2_000;

describe.runIf(TEST_DATABASE_URL)('PostgreSQL restarted under a running server', () => {
  let cluster: Cluster;
  let emulator: Emulator;
  let server: Server;

  beforeAll(async () => {
    [cluster, emulator] = await Promise.all([
      createCluster(),
      startEmulator({ SANDBOX_PROCESSING_MS: String(PROCESSING_MS) }),
    ]);
    server = await startServer({
      DATABASE_URL: cluster.url,
      SESSION_SECRET: 'restart-test-session-secret-of-enough-length',
      ENCRYPTION_KEY: crypto.getRandomValues(Buffer.alloc(32)).toString('hex'),
      PUBLIC_URL,
      ...emulatorEnv(emulator),
      FLINKS_POLL_INTERVAL_MS: '200',
      JOB_CLAIM_INTERVAL_MS: '200',
    });
  });

  afterAll(async () => {
    await killAll();
    cluster?.remove();
  });

  it('keeps serving, finishes the job from its row and listens again', async () => {
    const user = new HttpUser(() => server.url, PUBLIC_URL);
    const { loginId } = await emulator.control.createLogin('test_large_history');

    const { jobId } = await user.link(loginId);
    // Hold the job inside its store transaction: it waits on a lock the test holds when the restart comes.
    const holder = new pg.Client({ connectionString: cluster.url });
    holder.on('error', () => undefined);
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE');
    const observer = () => new pg.Client({ connectionString: cluster.url });
    const waiting = observer();
    await waiting.connect();
    await eventually(async () => {
      const { rows } = await waiting.query(
        `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%accounts%'`,
      );
      return rows.length > 0 ? true : undefined;
    }, 'the job to wait inside its store transaction');
    await waiting.end();

    cluster.restart();
    await holder.end().catch(() => undefined);

    const health = await eventually(async () => {
      if (!server.process.alive) throw new Error(`the server died:\n${server.process.output().slice(-3000)}`);
      const answer = await user.get('/api/health').catch(() => null);
      return answer?.status === 200 ? answer : undefined;
    }, 'health to answer 200 again');
    expect(health.status).toBe(200);
    expect(server.process.alive).toBe(true);

    const job = await user.waitForJob(jobId, undefined, 60_000);
    expect(job.state).toBe('succeeded');
    expect(await emulator.control.calls({ endpoint: 'Authorize', loginId })).toHaveLength(1);
    expect(await emulator.control.calls({ endpoint: 'GetAccountsDetail' })).toHaveLength(1);

    const listening = observer();
    await listening.connect();
    try {
      await eventually(async () => {
        const { rows } = await listening.query(
          "SELECT 1 FROM pg_stat_activity WHERE query ILIKE 'LISTEN %' AND pid <> pg_backend_pid()",
        );
        return rows.length > 0 ? true : undefined;
      }, 'the server to LISTEN again');
    } finally {
      await listening.end();
    }
    expect(server.process.output()).not.toMatch(/Unhandled 'error' event|uncaught/i);
  });
});
