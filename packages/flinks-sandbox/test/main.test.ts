/** The production entry: build.mjs bundles src/main.ts; the bundle serves the API and the Connect page. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOLBOX } from '../src/index.ts';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the package, so that the bundle resolves its npm dependencies as dist/main.mjs does.
const outdir = join(packageRoot, 'node_modules', '.tmp', `build-test-${process.pid}`);

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(packageRoot, 'build.mjs'), outdir], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  url: Promise<string>;
} {
  const child = spawn(process.execPath, [join(outdir, 'main.mjs')], {
    env: { ...process.env, SANDBOX_HOST: '127.0.0.1', SANDBOX_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  // A test that expects an early exit never awaits the URL.
  url.catch(() => undefined);
  return { child, output: () => output, url };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });

describe('dist/main.mjs', () => {
  it('serves the API and the Connect page from the bundle, and exits cleanly on SIGTERM', async () => {
    const { child, url } = start({ SANDBOX_PROCESSING_MS: '0' });
    const origin = await url;
    const page = await fetch(`${origin}/v2/?authorizeToken=x`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/v2/connect.js');
    for (const asset of ['connect.js', 'connect.css']) {
      const response = await fetch(`${origin}/v2/${asset}`);
      expect(response.status).toBe(200);
      expect((await response.text()).length).toBeGreaterThan(1_000);
    }
    const token = await fetch(`${origin}/v3/${TOOLBOX.customerId}/BankingServices/GenerateAuthorizeToken`, {
      method: 'POST',
      headers: { 'flinks-auth-key': TOOLBOX.secretKey },
    });
    expect(token.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });

  it('accepts other credentials from FLINKS_* and refuses the toolbox ones then', async () => {
    const { child, url } = start({ FLINKS_SECRET_KEY: 'my-secret', FLINKS_CUSTOMER_ID: 'my-customer' });
    const origin = await url;
    const call = (customer: string, secret: string) =>
      fetch(`${origin}/v3/${customer}/BankingServices/GenerateAuthorizeToken`, {
        method: 'POST',
        headers: { 'flinks-auth-key': secret },
      });
    expect((await call('my-customer', 'my-secret')).status).toBe(200);
    expect((await call(TOOLBOX.customerId, TOOLBOX.secretKey)).status).toBe(401);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
  });

  it('logs requests with SANDBOX_LOG=1 without LoginIds, RequestIds or tokens in clear', async () => {
    const { child, url, output } = start({ SANDBOX_LOG: '1' });
    const origin = await url;
    const loginId = '8b35f6c8-e7b6-41d3-98f8-08d68b7f8d31';
    const token = 'c0ffee00-1111-4222-8333-444455556666';
    await fetch(`${origin}/v3/${TOOLBOX.customerId}/BankingServices/DeleteCard/${loginId}`, {
      method: 'DELETE',
      headers: { 'x-api-key': TOOLBOX.apiKey },
    });
    await fetch(`${origin}/v2/?authorizeToken=${token}&demo=true`);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(output()).toContain('DeleteCard/8b35');
    for (const secret of [loginId, token, TOOLBOX.customerId, TOOLBOX.apiKey])
      expect(output()).not.toContain(secret);
  });

  it('stops at start with a message naming a bad setting', async () => {
    const { child, output } = start({ SANDBOX_PROCESSING_MS: 'soon' });
    expect(await exited(child)).toBe(2);
    expect(output()).toContain('SANDBOX_PROCESSING_MS');
  });
});
