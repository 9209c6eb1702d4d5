import { describe, expect, it } from 'vitest';
import { createLoginIdVault } from '../../src/crypto/login-id-vault.ts';

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
