import type { Migration } from '../migrate.ts';

/**
 * Search folds case and accents on both sides, so that "Hydro-Québec" finds HYDRO-QUEBEC. Both engines
 * (PGlite and PostgreSQL) run this plain SQL function; `unaccent` is an extension a non-superuser may not be
 * able to install, and `lower()` alone follows the database's locale (ASCII only under C). The accented
 * letters of French and the other Latin-1 languages are mapped here, then lower-cased as ASCII.
 */
export const searchFold: Migration = {
  id: '0050-search-fold',
  statements: [
    `CREATE FUNCTION search_fold(value text) RETURNS text
       LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
       RETURN lower(replace(replace(replace(replace(translate(value,
         'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŸ',
         'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyyY'),
         'Œ', 'oe'), 'œ', 'oe'), 'Æ', 'ae'), 'æ', 'ae'))`,
  ],
};
