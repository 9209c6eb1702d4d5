import type { Migration } from '../migrate.ts';

/**
 * Links by LoginId alone: every POST /api/links asks whether another person holds the LoginId, which the
 * (user, LoginId) unique index cannot answer, so each one scanned every link.
 */
export const linksByLogin: Migration = {
  id: '0102-links-by-login',
  statements: ['CREATE INDEX links_login_id_hash ON links (login_id_hash)'],
};
