import type { Migration } from '../migrate.ts';

/**
 * An index for the two foreign keys that had none. Without it, deleting a link ran one scan of `transactions`
 * per deleted transaction to clear its transfer peer (`ON DELETE SET NULL`): minutes for a 55,000-transaction
 * account. Partial, since most transactions are no transfer and most sign-ins belong to no account yet.
 */
export const foreignKeyIndexes: Migration = {
  id: '0099-foreign-key-indexes',
  statements: [
    `CREATE INDEX transactions_transfer_peer_idx ON transactions (transfer_peer_id)
     WHERE transfer_peer_id IS NOT NULL`,
    `CREATE INDEX oidc_flows_user_idx ON oidc_flows (user_id) WHERE user_id IS NOT NULL`,
  ],
};
