/**
 * Credentials (secret key, x-api-key, authorize tokens, passwords, MFA answers) and LoginIds must never reach
 * an error message or a log line. Flinks' own messages are scrubbed of every such value the call knew about.
 */

export const REDACTED = '[redacted]';

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function redact(text: string, sensitive: readonly string[]): string {
  // Values shorter than 4 characters (a one-letter MFA answer) would shred ordinary words and identify nothing.
  const values = sensitive.filter((value) => value.length >= 4);
  if (values.length === 0) return text;
  // GUIDs may come back in another letter case than they were sent in.
  return text.replace(new RegExp(values.map(escapeRegExp).join('|'), 'gi'), REDACTED);
}
