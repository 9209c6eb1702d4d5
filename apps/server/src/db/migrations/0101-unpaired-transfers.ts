import type { Migration } from '../migrate.ts';

/**
 * The transfers not paired yet, by account: what every link and refresh job reads to pair a person's transfers.
 * Without it, once statistics showed few unpaired transfers, the planner scanned the whole `transactions` table
 * (every person's) for each job: 70 ms at 150,000 rows and growing with every person who joins. Partial, since
 * nearly every transfer is paired within its own job.
 */
export const unpairedTransfers: Migration = {
  id: '0101-unpaired-transfers',
  statements: [
    `CREATE INDEX transactions_unpaired_transfers ON transactions (account_id)
     WHERE category = 'transfers' AND transfer_peer_id IS NULL`,
  ],
};
