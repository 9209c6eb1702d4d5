import type { Migration } from '../migrate.ts';

/**
 * Which bank login a link is: a keyed hash (HMAC under a subkey of ENCRYPTION_KEY) of its institution and its
 * case-folded bank username, from Authorize's `Login.Username`, so that a reconnection or the same login linked
 * again is recognised without the username resting anywhere in clear. Links made earlier get theirs at their
 * next Authorize.
 */
export const bankLoginKey: Migration = {
  id: '0084-bank-login-key',
  statements: [
    'ALTER TABLE links ADD COLUMN bank_login_key text',
    'CREATE INDEX links_bank_login ON links (user_id, bank_login_key) WHERE bank_login_key IS NOT NULL',
  ],
};
