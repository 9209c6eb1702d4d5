import type { Migration } from '../migrate.ts';

/**
 * The account holder's name came with every GetAccountsDetail and rested in clear, though nothing shows or
 * needs it: it is no longer kept, and the names stored before are gone with the column.
 */
export const forgetHolderNames: Migration = {
  id: '0011-forget-holder-names',
  statements: ['ALTER TABLE accounts DROP COLUMN holder_name'],
};
