/**
 * Push endpoints the server will post to: public https push services only. Every way of naming this machine or
 * a private network is refused, IP literals in any form the URL parser reads; a public name that resolves to
 * a private address is refused when the connection is made.
 */
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isPublicAddress, publicOnlyLookup, pushEndpointRefusal } from '../../src/notifications/endpoint.ts';

const INTERNAL = [
  'https://localhost/push',
  'https://LOCALHOST./push',
  'https://push.localhost/x',
  'https://127.0.0.1/x',
  'https://127.1/x',
  'https://127.255.255.254:8443/x',
  'https://0x7f000001/x',
  'https://2130706433/x',
  'https://0177.0.0.1/x',
  'https://0.0.0.0/x',
  'https://10.1.2.3/x',
  'https://172.16.0.1/x',
  'https://172.31.255.255/x',
  'https://192.168.0.10/x',
  'https://169.254.169.254/latest/meta-data/',
  'https://100.64.0.1/x',
  'https://[::1]/x',
  'https://[::]/x',
  'https://[0:0:0:0:0:0:0:1]/x',
  'https://[::ffff:127.0.0.1]/x',
  'https://[::ffff:a00:1]/x',
  'https://[fc00::1]/x',
  'https://[fd12:3456::1]/x',
  'https://[fe80::1]/x',
  'https://metadata.google.internal/computeMetadata/v1/',
  'https://printer.local/x',
  'https://intranet/x',
];

const PUBLIC = [
  'https://fcm.googleapis.com/fcm/send/abc',
  'https://updates.push.services.mozilla.com/wpush/v2/abc',
  'https://web.push.apple.com/abc',
  'https://172.32.0.1/x',
  'https://8.8.8.8:443/x',
  'https://[2606:4700::1111]/x',
];

describe('push endpoints', () => {
  it('refuses every endpoint on this machine or a private network, however its address is written', () => {
    for (const endpoint of INTERNAL)
      expect(pushEndpointRefusal(endpoint), endpoint).toMatch(/private or local/);
  });

  it('accepts public https push services, and refuses anything but https', () => {
    for (const endpoint of PUBLIC) expect(pushEndpointRefusal(endpoint), endpoint).toBeNull();
    expect(pushEndpointRefusal('http://fcm.googleapis.com/fcm/send/abc')).toMatch(/https/);
    expect(pushEndpointRefusal('not a url')).toMatch(/https/);
  });

  it('tells public addresses from the others, IPv4-mapped ones as their IPv4 address', () => {
    expect(isPublicAddress('142.250.80.42')).toBe(true);
    expect(isPublicAddress('::ffff:142.250.80.42')).toBe(true);
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '::1',
      '::ffff:192.168.1.1',
      'fe80::1',
      'not an address',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('fails a connection whose host resolves to any private address, and gives public ones as asked', async () => {
    const resolving =
      (addresses: LookupAddress[]): LookupFunction =>
      (_hostname, _options, callback) =>
        (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    const ask = (lookup: LookupFunction, all: boolean) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
        publicOnlyLookup(lookup)('push.example.com', { all }, (error, address, family) =>
          resolve({ error, address, ...(family === undefined ? {} : { family }) }),
        ),
      );
    const rebound = resolving([
      { address: '142.250.80.42', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ]);
    expect((await ask(rebound, false)).error?.code).toBe('EPRIVATEADDRESS');
    expect((await ask(rebound, true)).error?.code).toBe('EPRIVATEADDRESS');
    const metadata = resolving([{ address: 'fd00:ec2::254', family: 6 }]);
    expect((await ask(metadata, false)).error?.code).toBe('EPRIVATEADDRESS');

    const good = resolving([
      { address: '142.250.80.42', family: 4 },
      { address: '2607:f8b0:4004:c1b::5f', family: 6 },
    ]);
    expect(await ask(good, false)).toEqual({ error: null, address: '142.250.80.42', family: 4 });
    expect((await ask(good, true)).address).toHaveLength(2);
  });
});
