/**
 * A push service of the test's own, over HTTPS on 127.0.0.1, with a device's keys: it receives what the app
 * pushes, checks the VAPID authorisation (RFC 8292: an ES256 JWT for this origin, signed by the key it
 * names) and decrypts the body as the browser would (RFC 8291, aes128gcm). Written from the RFCs with
 * node:crypto alone, so that a mistake in the sending library cannot hide on both sides.
 */
import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  type ECDH,
  randomBytes,
  verify,
} from 'node:crypto';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The VAPID JWT's claims, once its signature checked out against `k`. */
  claims: { aud: string; exp: number; sub: string };
  vapidPublicKey: string;
  message: unknown;
}

export interface Device {
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

function decrypt(body: Buffer, device: ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  const senderPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (ciphertext.length > recordSize) throw new Error('more than one record');
  const devicePublic = device.getPublicKey();
  const shared = device.computeSecret(senderPublic);
  const prkKey = hmac(authSecret, shared);
  const keyInfo = Buffer.concat([
    Buffer.from('WebPush: info\0'),
    devicePublic,
    senderPublic,
    Buffer.from([1]),
  ]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with 0x02, then zero padding.
  const end = padded.lastIndexOf(2);
  if (end < 0 || padded.subarray(end + 1).some((byte) => byte !== 0)) throw new Error('bad padding');
  return padded.subarray(0, end).toString('utf8');
}

function checkVapid(authorization: string | undefined, origin: string) {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match?.[1] || !match[2]) throw new Error(`no VAPID authorization: ${authorization}`);
  const [token, k] = [match[1], match[2]];
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) throw new Error('malformed JWT');
  const { alg, typ } = JSON.parse(Buffer.from(header, 'base64url').toString());
  if (alg !== 'ES256' || typ !== 'JWT') throw new Error(`unexpected JWT header ${alg} ${typ}`);
  const raw = Buffer.from(k, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) throw new Error('VAPID JWT signature does not verify');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  if (claims.aud !== origin) throw new Error(`JWT audience ${claims.aud}, not ${origin}`);
  return { claims, vapidPublicKey: k };
}

export class PushService {
  readonly received: ReceivedPush[] = [];
  /** Paths whose subscription has expired: answered 410 Gone. */
  readonly gone = new Set<string>();
  private readonly devices = new Map<string, { ecdh: ECDH; auth: Buffer }>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
    /** Trusts this service's certificate, and nothing else. */
    readonly agent: Agent,
  ) {}

  static async start(): Promise<PushService> {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    let service: PushService | undefined;
    const server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        try {
          service?.receive(request.url ?? '', request.headers, Buffer.concat(chunks));
          response.writeHead(service?.gone.has(request.url ?? '') ? 410 : 201).end();
        } catch (error) {
          response.writeHead(400).end(String(error));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    service = new PushService(server, `https://127.0.0.1:${port}`, new Agent({ ca: pems.cert }));
    return service;
  }

  /** A browser's subscription: its own key pair and auth secret, and an endpoint here. */
  device(): Device {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    const path = `/push/${crypto.randomUUID()}`;
    this.devices.set(path, { ecdh, auth });
    return {
      subscription: {
        endpoint: `${this.origin}${path}`,
        keys: { p256dh: ecdh.getPublicKey('base64url'), auth: auth.toString('base64url') },
      },
    };
  }

  private receive(path: string, headers: ReceivedPush['headers'], body: Buffer): void {
    const device = this.devices.get(path);
    if (!device) throw new Error(`no device at ${path}`);
    if (headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
    const { claims, vapidPublicKey } = checkVapid(headers.authorization as string | undefined, this.origin);
    const message = JSON.parse(decrypt(body, device.ecdh, device.auth));
    this.received.push({ path, headers, claims, vapidPublicKey, message });
  }

  close(): Promise<void> {
    this.agent.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A VAPID key pair as web-push takes it: the public key uncompressed, both base64url. */
export function vapidKeys(): { publicKey: string; privateKey: string } {
  const ecdh = createECDH('prime256v1');
  // A private key with a leading zero byte comes out short: draw again.
  do ecdh.generateKeys();
  while (ecdh.getPrivateKey().length !== 32);
  return { publicKey: ecdh.getPublicKey('base64url'), privateKey: ecdh.getPrivateKey('base64url') };
}
