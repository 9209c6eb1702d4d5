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

export function createLoginIdVault(encryptionKey: string): LoginIdVault {
  const key = decodeKey(encryptionKey);
  if (key === null) throw new Error('ENCRYPTION_KEY must be 32 bytes');
  const encryptionSubkey = subkey(key, 'login-id encryption');
  const lookupSubkey = subkey(key, 'login-id lookup');
  const checkSubkey = subkey(key, 'key check');

  return {
    hash: (loginId) =>
      createHmac('sha256', lookupSubkey).update(normaliseLoginId(loginId)).digest('base64url'),

    encrypt(loginId, linkId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionSubkey, iv);
      cipher.setAAD(Buffer.from(linkId));
      const ciphertext = Buffer.concat([cipher.update(normaliseLoginId(loginId), 'utf8'), cipher.final()]);
      return [VERSION, iv, ciphertext, cipher.getAuthTag()]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },

    decrypt(sealed, linkId) {
      const [version, iv, ciphertext, tag] = sealed.split('.');
      if (version !== VERSION || !iv || !ciphertext || !tag) throw new Error('Unreadable sealed LoginId');
      const decipher = createDecipheriv('aes-256-gcm', encryptionSubkey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(linkId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },

    keyCheck: () => createHmac('sha256', checkSubkey).update('passbook key check').digest('base64url'),
  };
}

export function sameKeyCheck(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
