/**
 * The webhook route cannot exhaust memory: the built server receives 200 bogus deliveries of about 30 MB each
 * (no signature, a malformed one, and a well-formed one that does not match, announced with Content-Length or
 * streamed chunked), eight at a time, then 200 more; its resident memory, read from /proc, is never 200 MB above
 * what it was idle, and the second 200 leave it within 50 MB of where the first left it (memory the allocator
 * keeps for reuse may stay resident; a body kept would add 30 MB each). Every one is refused in our error shape,
 * or cut off while still sending.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataDir, type DataDir } from './support/database.ts';
import { killAll, type Server, startServer } from './support/processes.ts';

const BODY_BYTES = 30 * 1024 * 1024;
const REQUESTS = 200;
const AT_ONCE = 8;
const MB = 1024 * 1024;
/** 1 MiB of a JSON-looking body, sent 30 times over. */
const CHUNK = Buffer.alloc(
  MB,
  '{"RequestId":"00000000-0000-4000-8000-000000000000","ResponseType":"GetAccountsDetail"}',
);

const SIGNATURES: Array<Record<string, string>> = [
  {},
  { 'flinks-authenticity-key': 'not a signature' },
  { 'flinks-authenticity-key': `${'A'.repeat(43)}=` },
  { 'x-flinks-signature': `${'B'.repeat(43)}=` },
];

/** Resident memory of a process, in bytes, from /proc (Linux). */
function rss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  const kb = Number(line?.replace(/\D/g, ''));
  if (!Number.isFinite(kb) || kb === 0) throw new Error(`no VmRSS for ${pid}`);
  return kb * 1024;
}

interface Outcome {
  status: number | null;
  body: string;
}

/** One bogus delivery; resolves with the answer, or with no status when the server cut the upload short. */
function deliver(url: string, headers: Record<string, string>, chunked: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const target = new URL('/api/webhooks/flinks', url);
    const outgoing = request(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(chunked ? {} : { 'content-length': String(BODY_BYTES) }),
        ...headers,
      },
    });
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      outgoing.destroy();
      resolve(outcome);
    };
    outgoing.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (part: string) => {
        body += part;
      });
      response.on('end', () => settle({ status: response.statusCode ?? null, body }));
      response.on('error', () => settle({ status: response.statusCode ?? null, body }));
    });
    outgoing.on('error', () => settle({ status: null, body: '' }));
    let sent = 0;
    const pump = () => {
      while (sent < BODY_BYTES && !settled) {
        sent += CHUNK.length;
        if (!outgoing.write(CHUNK)) return void outgoing.once('drain', pump);
      }
      if (!settled) outgoing.end();
    };
    pump();
  });
}

describe('bogus webhook deliveries against the built server', () => {
  let dataDir: DataDir;
  let server: Server;

  beforeAll(async () => {
    dataDir = createDataDir();
    server = await startServer({
      DATA_DIR: dataDir.path,
      PUBLIC_URL: 'http://passbook.test',
      FLINKS_WEBHOOK_SECRET: 'memory-test-webhook-secret-long-enough',
      // No Flinks is called: the route under test answers without one.
      FLINKS_API_URL: 'http://127.0.0.1:9',
      FLINKS_CONNECT_URL: 'http://127.0.0.1:9/v2/',
    });
  });

  afterAll(async () => {
    await killAll();
    dataDir?.remove();
  });

  it('200 of about 30 MB each leave its resident memory within 100 MB of idle, never 200 MB above it', async () => {
    const pid = server.process.pid;
    // Idle: started, and warmed by a few small requests on the same route.
    for (let i = 0; i < 5; i++) {
      const small = await fetch(`${server.url}/api/webhooks/flinks`, { method: 'POST', body: '{}' });
      expect(small.status).toBe(401);
    }
    const idle = rss(pid);

    /** 200 bogus deliveries, eight at a time; what they got, and the highest resident memory meanwhile. */
    async function flood(): Promise<{ outcomes: Outcome[]; peak: number }> {
      let peak = rss(pid);
      const sampler = setInterval(() => {
        peak = Math.max(peak, rss(pid));
      }, 50);
      const outcomes: Outcome[] = [];
      try {
        let next = 0;
        await Promise.all(
          Array.from({ length: AT_ONCE }, async () => {
            while (next < REQUESTS) {
              const n = next++;
              const signature = SIGNATURES[n % SIGNATURES.length] ?? {};
              outcomes.push(await deliver(server.url, signature, n % 2 === 1));
              peak = Math.max(peak, rss(pid));
            }
          }),
        );
      } finally {
        clearInterval(sampler);
      }
      return { outcomes, peak };
    }

    const first = await flood();
    const second = await flood();
    for (const { outcomes } of [first, second]) {
      expect(outcomes).toHaveLength(REQUESTS);
      for (const outcome of outcomes) {
        if (outcome.status === null) continue;
        expect([401, 413, 429, 503]).toContain(outcome.status);
        expect(JSON.parse(outcome.body)).toEqual({
          error: { code: expect.any(String), message: expect.any(String) },
        });
      }
      // Most are answered, not merely cut off.
      expect(outcomes.filter((outcome) => outcome.status !== null).length).toBeGreaterThan(REQUESTS / 2);
    }
    console.log(
      `webhook memory: idle ${Math.round(idle / MB)} MB, peak of the first 200 ${Math.round(first.peak / MB)} MB, ` +
        `of the next 200 ${Math.round(second.peak / MB)} MB`,
    );
    // While they arrive, four bodies may be read at a time (each bounded), so the peak has room above idle, yet
    // stays far from the gigabytes of a buffered 30 MB each; and nothing of them stays to pile up.
    // (Rate limiting may refuse the small requests with 429: they still allocate, which is all they are for.)
    expect(Math.max(first.peak, second.peak) - idle).toBeLessThan(200 * MB);
    expect(second.peak - first.peak).toBeLessThan(50 * MB);
    // And it still answers.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
