/**
 * Two instances of the built server on one PostgreSQL, behind one public origin, with the built emulator. Link
 * and refresh work (one refresh answering security questions) goes to both; one instance is killed (SIGKILL)
 * while every job is polling; the other takes its jobs over. The emulator's call log and the database then show
 * that each job finished exactly once, none was lost, no retrieval was stored twice and no transaction doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/stack.ts';
import {
  createPostgresDatabase,
  dumpRows,
  type PostgresDatabase,
  pgDump,
  TEST_DATABASE_URL,
} from './support/database.ts';
import { answerSecurityQuestions } from './support/emulator.ts';
import { HttpUser } from './support/http.ts';
import { compare, emulatorData, jobRecords, storedData, successLogs } from './support/ledger.ts';
import {
  type Emulator,
  emulatorEnv,
  killAll,
  type Server,
  startEmulator,
  startServer,
} from './support/processes.ts';

const PUBLIC_URL = 'http://passbook.test';
const SHORT_PROCESSING = 300;
/** Long enough that no retrieval completes until the test says so. */
const HELD_PROCESSING = 600_000;

describe.runIf(TEST_DATABASE_URL)('two instances on one PostgreSQL', () => {
  let database: PostgresDatabase;
  let emulator: Emulator;
  let a: Server;
  let b: Server;

  beforeAll(async () => {
    [database, emulator] = await Promise.all([
      createPostgresDatabase(),
      startEmulator({ SANDBOX_PROCESSING_MS: String(SHORT_PROCESSING) }),
    ]);
    const env = {
      DATABASE_URL: database.url,
      SESSION_SECRET: 'two-instances-session-secret-of-enough-length',
      ENCRYPTION_KEY: crypto.getRandomValues(Buffer.alloc(32)).toString('hex'),
      PUBLIC_URL,
      ...emulatorEnv(emulator),
      FLINKS_POLL_INTERVAL_MS: '200',
      JOB_LEASE_MS: '2000',
      JOB_CLAIM_INTERVAL_MS: '200',
      RATE_LIMIT_MAX: '1000',
    };
    [a, b] = await Promise.all([startServer(env, 'instance A'), startServer(env, 'instance B')]);
  });

  afterAll(async () => {
    await killAll();
    await database?.drop();
  });

  /** Jobs whose lease this process holds, by the pid in the lease owner (`host:pid:suffix`). */
  async function heldBy(server: Server): Promise<string[]> {
    const { rows } = await database.db.query<{ id: string }>(
      "SELECT id FROM jobs WHERE lease_owner LIKE '%:' || $1 || ':%'",
      [String(server.process.pid)],
    );
    return rows.map((row) => row.id);
  }

  it('finishes every job exactly once when one instance dies mid-poll, and duplicates nothing', async () => {
    const atA = () => a.url;
    const atB = () => b.url;
    const users = [0, 1, 2, 3].map((index) => new HttpUser(index % 2 === 0 ? atA : atB, PUBLIC_URL));
    const jobs: string[] = [];
    const links: Array<{ user: HttpUser; linkId: string; loginId: string; username: string }> = [];

    // Each user links two banks, one through each instance; the first user's first bank asks for MFA on refresh.
    for (const [index, user] of users.entries()) {
      for (const [slot, username] of [
        index === 0 ? 'Greatday' : 'greatday_nomfa',
        // Another login at the same bank: the same one would be recognised as linked already.
        'greatday_nomfa+2',
      ].entries()) {
        const { loginId } = await emulator.control.createLogin(username);
        const through = slot === 0 ? user : user.at(index % 2 === 0 ? atB : atA);
        const { linkId, jobId } = await through.link(loginId);
        jobs.push(jobId);
        links.push({ user, linkId, loginId, username });
      }
    }
    await eventually(async () => {
      const records = await jobRecords(database.db);
      return [...records.values()].every((job) => job.state === 'succeeded') ? true : undefined;
    }, 'the first links to be retrieved');

    // From now on no retrieval completes until released: every job can be caught polling.
    await emulator.control.configure({ processingMs: HELD_PROCESSING });
    const refreshes = new Map<string, string>();
    for (const [index, { user, linkId }] of links.entries()) {
      refreshes.set(linkId, await user.at(index % 2 === 0 ? atA : atB).refresh(linkId));
    }
    jobs.push(...refreshes.values());
    const mfa = links.find((link) => link.username === 'Greatday');
    const mfaJob = refreshes.get(mfa?.linkId ?? '');
    if (!mfa || !mfaJob) throw new Error('no refresh asking for MFA');
    const waiting = await mfa.user.waitForJob(mfaJob, ['mfa_required', 'failed', 'succeeded']);
    expect(waiting.state).toBe('mfa_required');
    const relaunch = await mfa.user.post('/api/connect/token', { jobId: mfaJob });
    expect(relaunch.status).toBe(200);
    await answerSecurityQuestions(emulator.url, relaunch.json().connectUrl, mfa.loginId);
    const redirect = await mfa.user.at(atB).link(mfa.loginId);
    expect(redirect.jobId).toBe(mfaJob);
    for (const user of users) {
      const { loginId } = await emulator.control.createLogin('greatday_nomfa+3');
      const { linkId, jobId } = await user.link(loginId);
      jobs.push(jobId);
      links.push({ user, linkId, loginId, username: 'greatday_nomfa+3' });
    }

    await eventually(async () => {
      const { rows } = await database.db.query<{ polling: number }>(
        `SELECT count(*) AS polling FROM jobs
         WHERE state = 'retrieving' AND detail_requested AND attempts > 0 AND lease_owner IS NOT NULL`,
      );
      return rows[0]?.polling === links.length ? true : undefined;
    }, 'every unfinished job to be polling');
    const orphaned = await heldBy(a);
    expect(orphaned.length, 'instance A holds some of the polling jobs').toBeGreaterThan(0);
    expect((await heldBy(b)).length, 'instance B holds some of the polling jobs').toBeGreaterThan(0);

    await a.process.stop('SIGKILL');
    await eventually(
      async () => {
        const held = new Set(await heldBy(b));
        return orphaned.every((id) => held.has(id)) ? true : undefined;
      },
      'instance B to take over instance A’s jobs',
      20_000,
    );
    await emulator.control.configure({ processingMs: SHORT_PROCESSING });
    await eventually(async () => {
      const records = await jobRecords(database.db);
      return [...records.values()].every((job) => job.state === 'succeeded' || job.state === 'failed')
        ? records
        : undefined;
    }, 'every job to finish');
    await b.process.stop('SIGTERM');

    // Every job: one row, succeeded, released, its success logged once across both instances.
    const records = await jobRecords(database.db);
    expect(records.size).toBe(jobs.length);
    const logs = [...a.process.logLines(), ...b.process.logLines()];
    for (const jobId of jobs) {
      expect(records.get(jobId), jobId).toMatchObject({ state: 'succeeded', lease_owner: null });
      expect(records.get(jobId)?.finished_at, jobId).toBeInstanceOf(Date);
      expect(successLogs(logs, jobId), `success logged for ${jobId}`).toBe(1);
    }
    for (const jobId of orphaned) expect(successLogs(b.process.logLines(), jobId)).toBe(1);
    expect(logs.filter((line) => line.msg === 'job crashed')).toEqual([]);

    // Upstream, from the emulator's call log: no session was opened or retrieval started twice for a job.
    const calls = await emulator.control.calls();
    for (const { loginId, username, linkId } of links) {
      const jobsOfLink = [...records.values()].filter((job) => job.link_id === linkId);
      const authorizations = calls.filter(
        (call) => call.endpoint === 'Authorize' && call.loginId === loginId,
      );
      // An MFA refresh: the live Authorize (203), the answers, then the cached Authorize after the REDIRECT.
      expect(authorizations, username).toHaveLength(jobsOfLink.length + (username === 'Greatday' ? 2 : 0));
      const sessions = new Set(jobsOfLink.map((job) => job.request_id?.toLowerCase()));
      const posts = calls.filter(
        (call) => call.endpoint === 'GetAccountsDetail' && sessions.has(call.requestId),
      );
      expect(posts, username).toHaveLength(jobsOfLink.length);
    }

    // Storage: each link holds exactly the emulator's data, each row stored by exactly one job.
    const stored = await storedData(database.db);
    const flinks = await emulatorData(
      emulator.url,
      links.map((link) => link.loginId),
    );
    for (const { linkId, loginId } of links) {
      const held = flinks.get(loginId);
      if (!held) throw new Error(`no emulator data for ${linkId}`);
      const comparison = compare(stored.get(linkId), held);
      expect(comparison, linkId).toMatchObject({ lost: 0, duplicates: 0 });
      expect(comparison.expected).toBeGreaterThan(0);
      const counted = [...records.values()]
        .filter((job) => job.link_id === linkId)
        .reduce((sum, job) => sum + (job.new_transactions ?? 0), 0);
      const rows = [...(stored.get(linkId)?.values() ?? [])].reduce((sum, ids) => sum + ids.length, 0);
      expect(counted, `transactions counted by the jobs of ${linkId}`).toBe(rows);
    }

    // And the database, dumped, names no LoginId in clear.
    const dump = (pgDump(database.url) ?? (await dumpRows(database.db))).toLowerCase();
    expect(dump).toContain(links[0]?.linkId);
    for (const { loginId } of links) expect(dump).not.toContain(loginId.toLowerCase());
  });
});
