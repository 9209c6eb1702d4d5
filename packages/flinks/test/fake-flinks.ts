/**
 * A scripted HTTP stand-in for Flinks, for edge cases the emulator does not produce (odd payloads, bodies
 * that are not JSON, bodies that echo credentials). Each route answers from a queue of scripted replies.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CUSTOMER_ID = '43387ca6-0391-4c82-857d-70d95f087ecb';
export const SECRET_KEY = 'c4569c54-e167-4d34-8de6-f4113bc82414';
export const API_KEY = '3d5266a8-b697-48d4-8de6-52e2e2662acc';

export type Reply =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { hang: true }
  | { destroy: true };

export interface RecordedRequest {
  method: string;
  endpoint: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeFlinks {
  apiUrl: string;
  requests: RecordedRequest[];
  /**
   * Queue replies for an endpoint (first path segment after BankingServices, or `GetCategorization` for
   * Enrich's `categorization/…` path); the last one repeats.
   */
  on(endpoint: string, ...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startFakeFlinks(): Promise<FakeFlinks> {
  const routes = new Map<string, Reply[]>();
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const prefix = `/v3/${CUSTOMER_ID}/BankingServices/`;

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = request.url ?? '';
    const endpoint = path.startsWith(prefix)
      ? (path.slice(prefix.length).split('/')[0] ?? '')
      : path.startsWith(`/v3/${CUSTOMER_ID}/categorization/`)
        ? 'GetCategorization'
        : path;
    requests.push({
      method: request.method ?? '',
      endpoint,
      path,
      headers: request.headers,
      body: raw ? JSON.parse(raw) : undefined,
    });
    const queue = routes.get(endpoint);
    const reply = queue && (queue.length > 1 ? queue.shift() : queue[0]);
    if (!reply) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no route');
      return;
    }
    if ('hang' in reply) {
      hanging.add(response);
      return;
    }
    if ('destroy' in reply) {
      request.socket.destroy();
      return;
    }
    const text = reply.text ?? JSON.stringify(reply.json ?? {});
    response
      .writeHead(reply.status, {
        'content-type': reply.text === undefined ? 'application/json' : 'text/html',
        ...reply.headers,
      })
      .end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}`,
    requests,
    on(endpoint, ...replies) {
      routes.set(endpoint, replies);
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
