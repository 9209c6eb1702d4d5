/** Session tokens: 256 random bits for the cookie, and the SHA-256 the database keeps instead. */
import { hash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  // One-shot: every request with a session cookie hashes it to find the session, and a Hash object costs more.
  return hash('sha256', token, 'base64url');
}
