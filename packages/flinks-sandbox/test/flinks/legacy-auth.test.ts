import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.ts';
import { type Flinks, startSandbox } from '../helpers.ts';

describe.each([
  [false, 'by default (new integrations)'],
  [true, 'with legacyAuth (SANDBOX_LEGACY_AUTH=true)'],
])('authorize token and x-api-key, legacyAuth %s: %s', (legacyAuth) => {
  let sandbox: Sandbox;
  let flinks: Flinks;

  beforeAll(async () => {
    ({ sandbox, flinks } = await startSandbox({ legacyAuth, processingMs: 0 }));
  });
  afterAll(() => sandbox.close());

  it(`${legacyAuth ? 'answers' : 'refuses'} an Authorize without a token, and refuses an invented one`, async () => {
    const body = { Username: 'greatday_nomfa', Password: 'Everyday', Institution: 'FlinksCapital' };
    const without = await flinks.call('POST', 'Authorize', { body });
    expect(without.status).toBe(legacyAuth ? 200 : 401);
    const invented = await flinks.call('POST', 'Authorize', {
      body,
      headers: { 'flinks-auth-key': '0d4c5f0e-9d7a-4c57-9e0f-6a1b2c3d4e5f' },
    });
    expect([invented.status, invented.body.FlinksCode]).toEqual([401, 'UNAUTHORIZED']);
  });

  it(`${legacyAuth ? 'answers' : 'refuses'} a data call without x-api-key, and refuses a wrong one`, async () => {
    const { requestId } = await flinks.connect('greatday_nomfa');
    const without = await flinks.call('POST', 'GetAccountsDetail', { body: { RequestId: requestId } });
    expect(without.status).toBe(legacyAuth ? 200 : 401);
    const wrong = await flinks.call('POST', 'GetAccountsDetail', {
      body: { RequestId: requestId },
      headers: { 'x-api-key': 'not-the-key' },
    });
    expect([wrong.status, wrong.body.FlinksCode]).toEqual([401, 'UNAUTHORIZED']);
  });
});
