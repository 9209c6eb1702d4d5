/**
 * Where the server may post a push: a browser's push service is on the public internet, so an endpoint that
 * names this machine, its network or a cloud's metadata address is refused, since the server would otherwise
 * post wherever a subscription points it (SSRF). The URL is checked when a device subscribes; when a push is
 * sent, every address its host resolves to is checked at connection time (a name can resolve elsewhere later:
 * DNS rebinding), and the connection goes to the address that was checked.
 */
import { type LookupAddress, lookup as systemLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Names that never lead to a public push service: this machine, and the private naming domains. */
const INTERNAL_NAME = /(^|\.)(localhost|internal|local|localdomain|home\.arpa|lan|intranet)$/;

const NOT_HTTPS = 'A push endpoint is an https URL.';
const NOT_PUBLIC = 'A push endpoint is a public push service; this one names a private or local address.';

/** Whether an address is one of the public internet (no loopback, private, link-local, unique-local…). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // `process` reads an IPv4-mapped IPv6 address (::ffff:127.0.0.1) as the IPv4 address it is.
  return ipaddr.process(address).range() === 'unicast';
}

/** Why the server will not post to this endpoint, or null when it may. */
export function pushEndpointRefusal(endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return NOT_HTTPS;
  }
  if (url.protocol !== 'https:') return NOT_HTTPS;
  // The URL parser has already written every IPv4 literal in dotted decimal (0x7f.1, 2130706433, 127.1).
  const host = url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  if (ipaddr.isValid(host)) return isPublicAddress(host) ? null : NOT_PUBLIC;
  // A single-label name is resolved through the local search domains.
  if (!host.includes('.') || INTERNAL_NAME.test(host)) return NOT_PUBLIC;
  return null;
}

/** The error a connection meets when its host resolves to an address that is not public. */
export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS';
  constructor(hostname: string) {
    super(`${hostname} resolves to an address that is not public`);
    this.name = 'PrivateAddressError';
  }
}

/**
 * A `lookup` for sockets that resolves with `lookup` and fails unless every address is public, so that what
 * is checked is what is connected to.
 */
export function publicOnlyLookup(lookup: LookupFunction = systemLookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, resolved) => {
      if (error) return callback(error, '', 0);
      const addresses = resolved as unknown as LookupAddress[];
      const first = addresses[0];
      if (first === undefined || addresses.some(({ address }) => !isPublicAddress(address))) {
        return callback(new PrivateAddressError(hostname), '', 0);
      }
      if (options.all) return callback(null, addresses as unknown as string);
      return callback(null, first.address, first.family);
    });
  };
}
