import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.ts';
import { type Flinks, startSandbox } from '../helpers.ts';

let sandbox: Sandbox;
let flinks: Flinks;

const DEFAULTS = { processingMs: 600_000, sessionIdleTtlMs: 8 * 60_000, sessionProcessingTtlMs: 30 * 60_000 };

beforeAll(async () => {
  ({ sandbox, flinks } = await startSandbox({ processingMs: DEFAULTS.processingMs }));
});
afterEach(() => sandbox.control.configure(DEFAULTS));
afterAll(() => sandbox.close());

describe('sessions', () => {
  it('expire after the idle TTL during authorisation: 400 SESSION_NONEXISTENT, also once the TTL is restored', async () => {
    const { requestId } = await flinks.connect('greatday_nomfa');
    await sandbox.control.configure({ sessionIdleTtlMs: 0 });
    const expired = await flinks.detail(requestId);
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({
      FlinksCode: 'SESSION_NONEXISTENT',
      Message: expect.stringContaining(requestId),
    });
    await sandbox.control.configure({ sessionIdleTtlMs: DEFAULTS.sessionIdleTtlMs });
    expect((await flinks.detail(requestId)).status).toBe(400);
  });

  it('expire after the processing TTL once data processing started, not after the idle TTL', async () => {
    const { requestId } = await flinks.connect('greatday_nomfa');
    expect((await flinks.detail(requestId)).status).toBe(202);
    await sandbox.control.configure({ sessionIdleTtlMs: 0 });
    expect((await flinks.detailAsync(requestId)).status).toBe(202);
    await sandbox.control.configure({ sessionProcessingTtlMs: 0 });
    const expired = await flinks.detailAsync(requestId);
    expect([expired.status, expired.body.FlinksCode]).toEqual([400, 'SESSION_NONEXISTENT']);
  });

  it('an expired challenge cannot be answered', async () => {
    const asked = await flinks.authorize({
      Username: 'Greatday',
      Password: 'Everyday',
      Institution: 'FlinksCapital',
    });
    await sandbox.control.configure({ sessionIdleTtlMs: 0 });
    const late = await flinks.answerChallenges(asked);
    expect([late.status, late.body.FlinksCode]).toEqual([400, 'SESSION_NONEXISTENT']);
  });

  it('one live session per LoginId: a new Authorize ends the previous RequestId', async () => {
    const { loginId, requestId: first } = await flinks.connect('greatday_nomfa');
    const second = await flinks.cached(loginId);
    expect((await flinks.detail(first)).status).toBe(400);
    expect((await flinks.detail(second)).status).toBe(202);
    const third = await flinks.authorize({ LoginId: loginId, MostRecentCached: false });
    expect(third.status).toBe(200);
    expect((await flinks.detailAsync(second)).body.FlinksCode).toBe('SESSION_NONEXISTENT');
  });

  it('control: expireSession ends a session by RequestId or by LoginId', async () => {
    const a = await flinks.connect('greatday_nomfa');
    const b = await flinks.connect('greatday_nomfa');
    expect(await sandbox.control.expireSession({ requestId: a.requestId })).toEqual({ expired: 1 });
    expect(await sandbox.control.expireSession({ loginId: b.loginId })).toEqual({ expired: 1 });
    expect(await sandbox.control.expireSession({ loginId: b.loginId })).toEqual({ expired: 0 });
    for (const { requestId } of [a, b])
      expect((await flinks.detail(requestId)).body.FlinksCode).toBe('SESSION_NONEXISTENT');
    expect((await flinks.authorize({ LoginId: a.loginId, MostRecentCached: true })).status).toBe(200);
  });
});
