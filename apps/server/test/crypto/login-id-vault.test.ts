import { describe, expect, it } from 'vitest';
import { createLoginIdVault } from '../../src/crypto/login-id-vault.ts';
import { earlierStatementSeal } from '../helpers/earlier-statement-seal.ts';

const KEY = '0123456789abcdef'.repeat(4);
const LOGIN_ID = '5F2D3C4B-1A2B-4C3D-8E9F-0A1B2C3D4E5F';

describe('LoginId vault', () => {
  const vault = createLoginIdVault(KEY);

  it('encrypts with a fresh IV each time and decrypts the normalised LoginId', () => {
    const linkId = crypto.randomUUID();
    const one = vault.encrypt(LOGIN_ID, linkId);
    const two = vault.encrypt(LOGIN_ID, linkId);
    expect(one).not.toBe(two);
    expect(one.toLowerCase()).not.toContain(LOGIN_ID.toLowerCase());
    expect(vault.decrypt(one, linkId)).toBe(LOGIN_ID.toLowerCase());
  });

  it('binds a ciphertext to its link and detects tampering', () => {
    const linkId = crypto.randomUUID();
    const sealed = vault.encrypt(LOGIN_ID, linkId);
    expect(() => vault.decrypt(sealed, crypto.randomUUID())).toThrow();
    const [version, iv, ciphertext, tag] = sealed.split('.');
    const flipped = `${ciphertext?.[0] === 'A' ? 'B' : 'A'}${ciphertext?.slice(1)}`;
    expect(() => vault.decrypt([version, iv, flipped, tag].join('.'), linkId)).toThrow();
    expect(() => createLoginIdVault('f'.repeat(64)).decrypt(sealed, linkId)).toThrow();
  });

  it('seals a statement as bytes only its nonce and tag longer than the PDF, bound to its account and month', () => {
    const pdf = Buffer.from(`%PDF-1.4\n${'Statement 2026-10: Chequing CAD 1111000\n'.repeat(200)}`, 'latin1');
    const context = 'link/account/2026-10';
    const sealed = vault.sealStatement(pdf, context);
    expect(Buffer.isBuffer(sealed)).toBe(true);
    expect(sealed.length).toBe(1 + 12 + pdf.length + 16);
    // Its own memory, not a slice of Node's pool, which a copy to PGlite's thread would carry whole.
    const small = vault.sealStatement(Buffer.from('%PDF-1.4 a short one'), context);
    expect(small.buffer.byteLength).toBe(small.length);
    expect(sealed.includes(Buffer.from('%PDF'))).toBe(false);
    expect(sealed.includes(Buffer.from('1111000'))).toBe(false);
    expect(vault.openStatement(sealed, context)).toEqual(pdf);
    // As PGlite's thread hands a bytea back: a Uint8Array.
    expect(vault.openStatement(new Uint8Array(sealed), context)).toEqual(pdf);
    expect(() => vault.openStatement(sealed, 'link/account/2026-09')).toThrow();
    const flipped = Buffer.from(sealed);
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    expect(() => vault.openStatement(flipped, context)).toThrow();
    expect(() => createLoginIdVault('f'.repeat(64)).openStatement(sealed, context)).toThrow();
  });

  it('still opens a statement sealed in the earlier text form (base64 of the PDF, sealed, as text)', () => {
    const pdf = Buffer.from('%PDF-1.4\nStatement 2026-09\n', 'latin1');
    const context = 'link/account/2026-09';
    const earlier = earlierStatementSeal(KEY, pdf, context);
    expect(vault.openStatement(earlier, context)).toEqual(pdf);
    expect(() => vault.openStatement(earlier, 'link/account/2026-08')).toThrow();
  });

  it('hashes case-insensitively, and differently under another key', () => {
    expect(vault.hash(LOGIN_ID)).toBe(vault.hash(LOGIN_ID.toLowerCase()));
    expect(vault.hash(LOGIN_ID)).not.toBe(vault.hash(crypto.randomUUID()));
    expect(createLoginIdVault('f'.repeat(64)).hash(LOGIN_ID)).not.toBe(vault.hash(LOGIN_ID));
    expect(vault.hash(LOGIN_ID)).not.toContain(LOGIN_ID.toLowerCase());
  });

  it('keys a bank login by institution and username, letter case aside, never holding either', () => {
    const key = vault.bankLoginKey('FlinksCapital', 'Greatday');
    expect(vault.bankLoginKey('flinkscapital', ' GREATDAY ')).toBe(key);
    expect(vault.bankLoginKey('FlinksCapital', 'greatday_nomfa')).not.toBe(key);
    expect(vault.bankLoginKey('OtherBank', 'Greatday')).not.toBe(key);
    expect(createLoginIdVault('f'.repeat(64)).bankLoginKey('FlinksCapital', 'Greatday')).not.toBe(key);
    expect(key.toLowerCase()).not.toContain('greatday');
    expect(key).not.toBe(vault.hash('FlinksCapital\ngreatday'));
  });
});
