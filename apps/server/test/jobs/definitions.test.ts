/**
 * Job kinds and the states of jobs and links are declared once, in the contracts: every kind has one
 * definition here, the database accepts exactly the declared values, payloads are checked against their
 * kind's schema, and no module outside links/ writes a link's status.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { JobKind, JobState, LinkStatus } from '@passbook/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOB_DEFINITIONS, jobDefinition } from '../../src/jobs/definitions.ts';
import { insertJob } from '../../src/jobs/repository.ts';
import { ENGINES } from '../helpers/database.ts';
import { useDatabase } from '../helpers/suite.ts';

const SOURCE = join(import.meta.dirname, '../../src');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
    ),
  );
  return nested.flat().filter((file) => file.endsWith('.ts'));
}

describe('job definitions', () => {
  it('define every kind the contracts declare, each under its own kind', () => {
    expect(Object.keys(JOB_DEFINITIONS).sort()).toEqual([...JobKind.options].sort());
    for (const kind of JobKind.options) expect(jobDefinition(kind).kind).toBe(kind);
  });

  it('authorise live only for a refresh the person asked for', () => {
    const live = JobKind.options.filter((kind) => jobDefinition(kind).authorizeLive);
    expect(live).toEqual(['refresh']);
  });

  it('leave link status writes to links/ alone', async () => {
    const writers: string[] = [];
    for (const file of await sourceFiles(SOURCE)) {
      const path = relative(SOURCE, file);
      if (path.startsWith('links/') || path.startsWith('db/migrations/')) continue;
      const text = await readFile(file, 'utf8');
      if (/UPDATE\s+links\b/i.test(text)) writers.push(path);
    }
    expect(writers).toEqual([]);
  });
});

describe.each(ENGINES)('job and link states in the database on %s', (engine) => {
  const database = useDatabase(engine);

  const userId = crypto.randomUUID();

  beforeAll(async () => {
    await database.db.query('INSERT INTO users (id) VALUES ($1)', [userId]);
  });

  async function newLink(status = 'pending'): Promise<string> {
    const id = crypto.randomUUID();
    await database.db.query(
      `INSERT INTO links (id, user_id, login_id_hash, login_id_encrypted, status) VALUES ($1, $2, $3, 'x', $4)`,
      [id, userId, crypto.randomUUID(), status],
    );
    return id;
  }

  async function accepts(statement: () => Promise<unknown>): Promise<boolean> {
    try {
      await statement();
      return true;
    } catch {
      return false;
    }
  }

  it('accepts exactly the link statuses the contracts declare', async () => {
    for (const status of LinkStatus.options) expect(await accepts(() => newLink(status))).toBe(true);
    expect(await accepts(() => newLink('broken'))).toBe(false);
  });

  it('accepts exactly the job kinds and states the contracts declare', async () => {
    const insert = async (kind: string, state: string) => {
      const linkId = await newLink();
      await database.db.query(
        `INSERT INTO jobs (id, user_id, link_id, login_id_hash, kind, state, authorize_live)
         VALUES ($1, $2, $3, $4, $5, $6, false)`,
        [crypto.randomUUID(), userId, linkId, crypto.randomUUID(), kind, state],
      );
    };
    for (const kind of JobKind.options) expect(await accepts(() => insert(kind, 'succeeded'))).toBe(true);
    for (const state of JobState.options) expect(await accepts(() => insert('link', state))).toBe(true);
    expect(await accepts(() => insert('nightly', 'succeeded'))).toBe(false);
    expect(await accepts(() => insert('link', 'paused'))).toBe(false);
  });

  it('stores the payload its kind declares and refuses one that does not fit', async () => {
    const linkId = await newLink();
    const job = { userId, linkId, loginIdHash: crypto.randomUUID() };
    await expect(insertJob(database.db, { ...job, kind: 'sync', payload: {} })).rejects.toThrow();
    const scheduledFor = '2026-12-01T10:00:00.000Z';
    const row = await insertJob(database.db, { ...job, kind: 'sync', payload: { scheduledFor } });
    expect(row).toMatchObject({ kind: 'sync', payload: { scheduledFor }, authorize_live: false });
    const refresh = await insertJob(database.db, {
      ...job,
      loginIdHash: crypto.randomUUID(),
      kind: 'refresh',
    });
    expect(refresh).toMatchObject({ payload: {}, authorize_live: true });
  });
});
