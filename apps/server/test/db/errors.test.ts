/**
 * A failing statement is logged by its code and message only, on both engines: never the statement's
 * parameters (a job's store carries a whole GetAccountsDetail, a webhook's payload a LoginId), never the
 * connection's internals. A damaged embedded database stops the start with one sentence.
 */
import fs, { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Sandbox } from '@passbook/flinks-sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { DataDirError } from '../../src/errors.ts';
import { Browser } from '../helpers/browser.ts';
import { ManualClock } from '../helpers/clock.ts';
import { testConfig } from '../helpers/config.ts';
import { ENGINES, openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { appOn, startSandbox, waitForJob } from '../helpers/stack.ts';

const REFUSAL = 'the test refuses every transaction';

describe.each(ENGINES)('database errors in the log on %s', (engine) => {
  let database: TestDatabase;
  let sandbox: Sandbox;
  let app: FastifyInstance;
  let log = '';

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([openTestDatabase(engine), startSandbox()]);
    await database.db.query(`CREATE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '${REFUSAL}'; END $$`);
    await database.db.query(
      'CREATE TRIGGER refuse_transactions BEFORE INSERT ON transactions FOR EACH ROW EXECUTE FUNCTION refuse_write()',
    );
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
    });
    app = await appOn(sandbox, database.db, { LOG_LEVEL: 'info' }, { logStream: stream });
  });

  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await database?.close();
  });

  it('logs a failed write by code and message, without its parameters', async () => {
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const { job } = (await user.post('/api/links', { loginId })).json();
    const failed = await waitForJob(user, job.id);
    expect(failed.error?.code).toBe('INTERNAL');

    const failures = log
      .split('\n')
      .filter((line) => line.includes(REFUSAL))
      .map((line) => JSON.parse(line));
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(Object.keys(failure.err).sort()).toEqual(['code', 'message', 'name', 'stack', 'type']);
      expect(failure.err).toMatchObject({ code: 'P0001', type: 'DatabaseError' });
    }
    for (const line of log.split('\n')) expect(line.length).toBeLessThan(4_000);
    expect(log).not.toContain(loginId);
    expect(log).not.toContain('"params"');
  });
});

describe.each(ENGINES)('a job meeting a full disk on %s', (engine) => {
  let database: TestDatabase;
  let sandbox: Sandbox;
  let app: FastifyInstance;

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([openTestDatabase(engine), startSandbox()]);
    // The store's first write refused as a full disk refuses it (SQLSTATE 53100), every time.
    await database.db.query(`CREATE FUNCTION refuse_for_lack_of_room() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`);
    await database.db.query(
      'CREATE TRIGGER no_room BEFORE INSERT ON transactions FOR EACH ROW EXECUTE FUNCTION refuse_for_lack_of_room()',
    );
    // A deadline of a second: the job retries its store until then, then ends.
    app = await appOn(sandbox, database.db, { FLINKS_POLL_TIMEOUT_MS: '1000' });
  });

  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await database?.close();
  });

  it('ends STORAGE_FULL when its deadline comes while the disk is still full, saying so', async () => {
    const user = new Browser(app);
    const { loginId } = await sandbox.control.createLogin('greatday_nomfa');
    const { job, link } = (await user.post('/api/links', { loginId })).json();
    const failed = await waitForJob(user, job.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toEqual({ code: 'STORAGE_FULL', message: expect.stringMatching(/space/) });
    const linked = (await user.get(`/api/links/${link.id}`)).json().link;
    expect(linked.lastError?.code).toBe('STORAGE_FULL');
  });
});

describe('a damaged embedded database', () => {
  it('stops the start with one sentence naming its path, not PGlite’s source and Aborted()', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'passbook-damaged-')), 'pglite');
    await (await openPglite(dir)).close();
    writeFileSync(join(dir, 'global', 'pg_control'), Buffer.alloc(8192));
    const error = await openPglite(dir).catch((caught) => caught);
    expect(error).toBeInstanceOf(DataDirError);
    expect(error.message).toContain(dir);
    expect(error.message).not.toContain('\n');
  });
});

describe('a full disk under the embedded database', () => {
  it('fails a write with 503 STORAGE_FULL in our shape, keeps answering with a health that says so, and works again once there is room', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'passbook-full-')), 'pglite');
    const db = await openPglite(dir);
    const clock = new ManualClock();
    const app = await buildApp(testConfig(), { database: db, runJobs: false, clock });
    await app.ready();
    // ENOSPC from the filesystem, where PGlite writes its files.
    const write = fs.writeSync;
    let full = true;
    const refuse = ((...args: Parameters<typeof fs.writeSync>) => {
      if (!full) return write(...args);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
        code: 'ENOSPC',
        errno: -28,
      });
    }) as typeof fs.writeSync;
    fs.writeSync = refuse;
    try {
      const user = new Browser(app);
      const refused = await user.post('/api/links', { loginId: crypto.randomUUID() });
      expect(refused.statusCode).toBe(503);
      expect(refused.json()).toEqual({ error: { code: 'STORAGE_FULL', message: expect.any(String) } });
      // The server keeps answering, and its health says the database cannot write.
      const health = await app.inject('/api/health');
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({
        error: { code: 'STORAGE_FULL', message: expect.stringMatching(/full/) },
      });

      full = false;
      expect((await user.post('/api/links', { loginId: crypto.randomUUID() })).statusCode).toBe(202);
      // No write has failed for a minute: healthy again.
      clock.advance(60_000);
      expect((await app.inject('/api/health')).statusCode).toBe(200);
    } finally {
      fs.writeSync = write;
      await app.close();
      await db.close();
    }
  });
});
