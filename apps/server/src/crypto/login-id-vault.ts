/**
 * LoginIds are credentials (FLINKS.md §2): at rest they are AES-256-GCM ciphertext bound to their link, and
 * they are found by an HMAC of their normalised form, so a database dump reveals none of them.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { decodeKey } from '../config.ts';

export interface LoginIdVault {
  /** Stable lookup key: the same LoginId, whatever its letter case, always gives the same hash. */
  hash(loginId: string): string;
  encrypt(loginId: string, linkId: string): string;
  decrypt(sealed: string, linkId: string): string;
  /** A webhook's body, sealed to its RequestId: what a delivery waiting for its job is kept as. */
  sealPayload(payload: string, requestKey: string): string;
  openPayload(sealed: string, requestKey: string): string;
  /**
   * A bank statement's PDF, sealed to its account and month: bank data at rest, as bytes (`sealBytes`). It
   * opens that, or the text an earlier Passbook sealed statements as.
   */
  sealStatement(pdf: Buffer, context: string): Buffer;
  openStatement(sealed: Uint8Array | string, context: string): Buffer;
  /**
   * Which bank login this is, whatever its LoginId: the institution and the bank username, letter case and
   * surrounding spaces aside. Keyed, so that the stored value reveals no username.
   */
  bankLoginKey(institution: string, username: string): string;
  /** A device's Web Push subscription (its endpoint and keys): as secret as a LoginId, sealed to its row. */
  sealPushSubscription(subscription: string, rowId: string): string;
  openPushSubscription(sealed: string, rowId: string): string;
  /** Stable lookup key of a push endpoint, so that one device is one row without the endpoint in clear. */
  pushEndpointHash(endpoint: string): string;
  /** A value derived from the key alone: lets a start detect a database written with another key. */
  keyCheck(): string;
}

const VERSION = 'v1';

function subkey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `passbook ${purpose}`, 32));
}

export function normaliseLoginId(loginId: string): string {
  return loginId.trim().toLowerCase();
}

function foldCase(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM of `plaintext` under `key`, bound to `context` (the row it belongs to), in its three parts. */
function encrypt(
  key: Buffer,
  plaintext: Buffer,
  context: string,
): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** `encrypt` undone; throws if any part, the key or the context is not the one it was sealed with. */
function decrypt(
  key: Buffer,
  { iv, ciphertext, tag }: { iv: Uint8Array; ciphertext: Uint8Array; tag: Uint8Array },
  context: string,
): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** `encrypt`'s parts as text: `v1.iv.ciphertext.tag`, each base64url. */
function seal(key: Buffer, plaintext: string, context: string): string {
  const { iv, ciphertext, tag } = encrypt(key, Buffer.from(plaintext, 'utf8'), context);
  return [VERSION, ...[iv, ciphertext, tag].map((part) => part.toString('base64url'))].join('.');
}

function unseal(key: Buffer, sealed: string, context: string): string {
  const [version, iv, ciphertext, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !ciphertext || !tag) throw new Error('Unreadable sealed value');
  const parts = {
    iv: Buffer.from(iv, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
  };
  return decrypt(key, parts, context).toString('utf8');
}

/** The first byte of `sealBytes`' output: which form follows. */
const BYTES_VERSION = 1;

/**
 * `encrypt`'s parts as bytes: the version, the IV, the ciphertext and the tag, one after the other. For what is
 * large and rests in a bytea column (a statement's PDF): no encoding makes it longer than it is.
 */
function sealBytes(key: Buffer, plaintext: Buffer, context: string): Buffer {
  const { iv, ciphertext, tag } = encrypt(key, plaintext, context);
  // A buffer of its own, not a slice of Node's shared pool (as `Buffer.concat` gives below 4 KB): passed to
  // PGlite's thread, a slice would carry the whole pool with it.
  const sealed = Buffer.allocUnsafeSlow(1 + IV_BYTES + ciphertext.length + TAG_BYTES);
  sealed[0] = BYTES_VERSION;
  iv.copy(sealed, 1);
  ciphertext.copy(sealed, 1 + IV_BYTES);
  tag.copy(sealed, 1 + IV_BYTES + ciphertext.length);
  return sealed;
}

function unsealBytes(key: Buffer, sealed: Uint8Array, context: string): Buffer {
  if (sealed[0] !== BYTES_VERSION || sealed.length < 1 + IV_BYTES + TAG_BYTES)
    throw new Error('Unreadable sealed value');
  const tagAt = sealed.length - TAG_BYTES;
  const parts = {
    iv: sealed.subarray(1, 1 + IV_BYTES),
    ciphertext: sealed.subarray(1 + IV_BYTES, tagAt),
    tag: sealed.subarray(tagAt),
  };
  return decrypt(key, parts, context);
}

export function createLoginIdVault(encryptionKey: string): LoginIdVault {
  const key = decodeKey(encryptionKey);
  if (key === null) throw new Error('ENCRYPTION_KEY must be 32 bytes');
  const encryptionSubkey = subkey(key, 'login-id encryption');
  const lookupSubkey = subkey(key, 'login-id lookup');
  const payloadSubkey = subkey(key, 'webhook payload encryption');
  const checkSubkey = subkey(key, 'key check');
  const statementSubkey = subkey(key, 'statement encryption');
  const bankLoginSubkey = subkey(key, 'bank login lookup');
  const pushSubkey = subkey(key, 'push subscription encryption');
  const pushLookupSubkey = subkey(key, 'push endpoint lookup');

  return {
    hash: (loginId) =>
      createHmac('sha256', lookupSubkey).update(normaliseLoginId(loginId)).digest('base64url'),
    encrypt: (loginId, linkId) => seal(encryptionSubkey, normaliseLoginId(loginId), linkId),
    decrypt: (sealed, linkId) => unseal(encryptionSubkey, sealed, linkId),
    sealPayload: (payload, requestKey) => seal(payloadSubkey, payload, requestKey),
    openPayload: (sealed, requestKey) => unseal(payloadSubkey, sealed, requestKey),
    sealStatement: (pdf, context) => sealBytes(statementSubkey, pdf, context),
    openStatement: (sealed, context) =>
      typeof sealed === 'string'
        ? Buffer.from(unseal(statementSubkey, sealed, context), 'base64')
        : unsealBytes(statementSubkey, sealed, context),
    bankLoginKey: (institution, username) =>
      createHmac('sha256', bankLoginSubkey)
        .update(`${foldCase(institution)}\n${foldCase(username)}`)
        .digest('base64url'),

    sealPushSubscription: (subscription, rowId) => seal(pushSubkey, subscription, rowId),
    openPushSubscription: (sealed, rowId) => unseal(pushSubkey, sealed, rowId),
    pushEndpointHash: (endpoint) =>
      createHmac('sha256', pushLookupSubkey).update(endpoint).digest('base64url'),

    keyCheck: () => createHmac('sha256', checkSubkey).update('passbook key check').digest('base64url'),
  };
}

export function sameKeyCheck(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
