/**
 * With a login file, a restarted emulator still knows the LoginIds it handed out, with the same data and its
 * refresh history, as Flinks does; without one it forgets them. A damaged file stops it with a clear message.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/index.ts';
import { type Flinks, startSandbox } from '../helpers.ts';

const directories: string[] = [];
const running: Sandbox[] = [];

function loginFilePath(): string {
  const directory = mkdtempSync(join(tmpdir(), 'sandbox-logins-'));
  directories.push(directory);
  return join(directory, 'nested', 'logins.json');
}

async function start(loginFile?: string): Promise<Flinks> {
  const { sandbox, flinks } = await startSandbox(loginFile ? { loginFile } : {});
  running.push(sandbox);
  return flinks;
}

async function stop(flinks: Flinks): Promise<void> {
  running.splice(running.indexOf(flinks.sandbox), 1);
  await flinks.sandbox.close();
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function detail(flinks: Flinks, loginId: string) {
  const answer = await flinks.retrieve(await flinks.cached(loginId));
  expect(answer.status).toBe(200);
  return answer.body.Accounts;
}

describe('the login file', () => {
  it('lets a restarted emulator authorise the same LoginId and return the same data', async () => {
    const file = loginFilePath();
    const first = await start(file);
    const { loginId } = await first.connect('greatday_nomfa');
    const before = await detail(first, loginId);
    await stop(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = await start(file);
    expect(await detail(second, loginId)).toEqual(before);
  });

  it('keeps a live refresh made before the restart, and a deletion', async () => {
    const file = loginFilePath();
    const first = await start(file);
    const { loginId } = await first.connect('greatday_nomfa');
    const removed = (await first.connect('test_small_history')).loginId;
    const live = await first.authorize({ LoginId: loginId, MostRecentCached: false });
    expect(live.status).toBe(200);
    const refreshed = await first.retrieve(live.body.RequestId);
    expect(refreshed.status).toBe(200);
    const deleted = await first.call('DELETE', `DeleteCard/${removed}`, {
      headers: { 'x-api-key': first.sandbox.apiKey },
    });
    expect(deleted.status).toBe(200);
    await stop(first);

    const second = await start(file);
    expect(await detail(second, loginId)).toEqual(refreshed.body.Accounts);
    const gone = await second.authorize({ LoginId: removed, MostRecentCached: true });
    expect(gone.status).toBe(401);
    expect(gone.body.FlinksCode).toBe('INVALID_LOGIN');
  });

  it('writes shortly after a change, without waiting for a clean stop', async () => {
    const file = loginFilePath();
    const flinks = await start(file);
    const { loginId } = await flinks.connect('greatday_nomfa');
    await expect
      .poll(() => {
        try {
          return readFileSync(file, 'utf8');
        } catch {
          return '';
        }
      })
      .toContain(loginId);
  });

  it('goes on serving when the file cannot be written, saying so, and saves once it can', async () => {
    const file = loginFilePath();
    const flinks = await start(file);
    mkdirSync(file, { recursive: true }); // a directory where the file should be: every write fails
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { loginId } = await flinks.connect('greatday_nomfa');
      await expect.poll(() => errors.mock.calls.length).toBeGreaterThan(0);
      expect(String(errors.mock.calls[0]?.[0])).toContain(file);
      expect((await detail(flinks, loginId)).length).toBeGreaterThan(0);

      rmSync(file, { recursive: true });
      await flinks.connect('test_small_history');
      await expect.poll(() => (existsSync(file) ? readFileSync(file, 'utf8') : '')).toContain(loginId);
    } finally {
      errors.mockRestore();
    }
  });

  it('is not used unless named: a restart then forgets every LoginId', async () => {
    const first = await start();
    const { loginId } = await first.connect('greatday_nomfa');
    await stop(first);
    const second = await start();
    const answer = await second.authorize({ LoginId: loginId, MostRecentCached: true });
    expect(answer.body.FlinksCode).toBe('INVALID_LOGIN');
  });

  it('refuses to start on a file it cannot read, naming it', async () => {
    const file = loginFilePath();
    const first = await start(file);
    await first.connect('greatday_nomfa');
    await stop(first);
    for (const damaged of ['{"format":1,"logins":[{"id":3}]}', 'not json']) {
      writeFileSync(file, damaged);
      await expect(createSandbox({ port: 0, loginFile: file })).rejects.toThrow(file);
    }
  });
});
