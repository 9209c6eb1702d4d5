import type { Migration } from '../migrate.ts';

/**
 * Telling links apart: the bank username masked (kept that way only, from Authorize's `Login.Username`), and
 * a name the person gives the link.
 */
export const linkNames: Migration = {
  id: '0051-link-names',
  statements: ['ALTER TABLE links ADD COLUMN username_masked text, ADD COLUMN nickname text'],
};
