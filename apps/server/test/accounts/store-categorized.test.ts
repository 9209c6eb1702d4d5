/**
 * A link job's store loads the accounts it creates with their categories already (`categorizerFor`): the same
 * merchant, search text, category, source and transfer peer on every row as categorising them after the store
 * gives, and no row written again but for a transfer's half, which takes its peer.
 */
import { describe, expect, it } from 'vitest';
import { storeAccountsDetail } from '../../src/accounts/store.ts';
import { categorizeNewTransactions, categorizerFor } from '../../src/categories/apply.ts';
import { applyFlinksCategories, type FlinksCategories } from '../../src/categories/flinks.ts';
import { Browser } from '../helpers/browser.ts';
import { ENGINES } from '../helpers/database.ts';
import { accountsDetail } from '../helpers/flinks-data.ts';
import { useApp } from '../helpers/suite.ts';

const CHEQUING = 'AAAAAAAA-0000-4000-8000-000000000001';
const SAVINGS = 'AAAAAAAA-0000-4000-8000-000000000002';
const CARD = 'AAAAAAAA-0000-4000-8000-000000000003';

/** Newest first, as Flinks lists them. */
const ANSWER = accountsDetail([
  {
    id: CHEQUING,
    transactions: [
      { id: 'c9', date: '2024-03-20', description: 'PAYMENT - VISA CARD', debit: 75 },
      { id: 'c8', date: '2024-03-15', description: 'TRANSFER TO SAVINGS', debit: 200 },
      { id: 'c7', date: '2024-03-12', description: 'NETFLIX.COM 866-579-7172 ON', debit: 20.99 },
      {
        id: 'c6',
        date: '2024-03-10',
        description: 'INTERAC PURCHASE - COUCHE-TARD #523 MONTREAL QC',
        debit: 12.5,
      },
      {
        id: 'c5',
        date: '2024-03-10',
        description: 'INTERAC PURCHASE - COUCHE-TARD #523 MONTREAL QC',
        debit: 8,
      },
      { id: 'c4', date: '2024-03-05', description: 'PAYROLL - NORTHWIND', credit: 2500 },
      { id: 'c3', date: '2024-03-02', description: 'TRANSFER TO SAVINGS', debit: 100 },
      { id: 'c2', date: '2024-03-01', description: 'INDIGO BOOKS #12 TORONTO ON', debit: 30 },
      { id: 'c1', date: '2024-03-01', description: '  Hydro-Québec  ', debit: 90 },
    ],
  },
  {
    id: SAVINGS,
    title: 'Savings',
    type: 'Savings',
    transactions: [
      { id: 's3', date: '2024-03-16', description: 'TRANSFER FROM CHEQUING', credit: 200 },
      { id: 's2', date: '2024-03-03', description: 'TRANSFER FROM CHEQUING', credit: 100 },
      { id: 's1', date: '2024-03-01', description: 'INTEREST', credit: 0.42 },
    ],
  },
  {
    id: CARD,
    title: 'Visa',
    type: 'CreditCard',
    transactions: [
      { id: 'v3', date: '2024-03-21', description: 'PAYMENT THANK YOU', credit: 75 },
      { id: 'v2', date: '2024-03-11', description: 'NETFLIX.COM 866-579-7172 ON', debit: 20.99 },
      { id: 'v1', date: '2024-03-04', description: 'INDIGO BOOKS #12 TORONTO ON', debit: 15 },
    ],
  },
]);

/**
 * What Flinks' Enrich says of some of them: the card payment is a transfer on both sides (the built-in set does
 * not know the chequing wording), Couche-Tard is fuel, Netflix streaming (a rule of the person's wins there).
 */
const FLINKS: FlinksCategories = {
  accountIds: [CHEQUING, CARD, CHEQUING, CHEQUING, CHEQUING, CARD].map((id) => id.toLowerCase()),
  transactionIds: ['c9', 'v3', 'c6', 'c5', 'c7', 'v2'],
  categories: ['transfers', 'transfers', 'transport', 'transport', 'subscriptions', 'subscriptions'],
};

/** The person's rules, oldest first: both match Netflix, the latest saved wins. */
const RULES = [
  { match: 'netflix', category: 'entertainment' },
  { match: 'netflix.com', category: 'business' },
  { match: 'hydro-quebec', category: 'bills' },
];

interface StoredRow {
  account_fid: string;
  fid: string;
  merchant: string | null;
  search_text: string | null;
  category: string | null;
  category_source: string | null;
  peer: string | null;
}

describe.each(ENGINES)('a link job’s store, categorised as it loads, on %s', (engine) => {
  const suite = useApp(engine);

  /** A person with the rules and a link whose job never runs. */
  async function person() {
    const user = new Browser(suite.app);
    for (const rule of RULES) expect((await user.post('/api/category-rules', rule)).statusCode).toBe(201);
    const { link } = (await user.post('/api/links', { loginId: crypto.randomUUID() })).json();
    return { id: link.id as string, userId: await user.userId() };
  }

  async function rowsOf(linkId: string): Promise<StoredRow[]> {
    const { rows } = await suite.database.db.query<StoredRow>(
      `SELECT a.flinks_account_id AS account_fid, t.flinks_transaction_id AS fid, t.merchant, t.search_text,
         t.category, t.category_source, pa.flinks_account_id || '/' || p.flinks_transaction_id AS peer
       FROM transactions t JOIN accounts a ON a.id = t.account_id
         LEFT JOIN transactions p ON p.id = t.transfer_peer_id LEFT JOIN accounts pa ON pa.id = p.account_id
       WHERE a.link_id = $1 ORDER BY 1, 2`,
      [linkId],
    );
    return rows;
  }

  it('gives each row what categorising after the store gives it, without writing it again but to pair a transfer', async () => {
    const db = suite.database.db;
    const after = await person();
    await db.transaction(async (tx) => {
      await storeAccountsDetail(tx, after, ANSWER);
      await categorizeNewTransactions(tx, after.userId, { linkId: after.id, ...FLINKS });
      await applyFlinksCategories(tx, after, FLINKS);
    });
    const expected = await rowsOf(after.id);

    const loaded = await person();
    // Every UPDATE of a transaction row is counted by the database itself, for this test only.
    await db.query('CREATE TABLE transaction_writes (id uuid NOT NULL)');
    await db.query(
      `CREATE FUNCTION count_transaction_write() RETURNS trigger LANGUAGE plpgsql AS
       $$ BEGIN INSERT INTO transaction_writes VALUES (NEW.id); RETURN NEW; END $$`,
    );
    await db.query(
      `CREATE TRIGGER count_transaction_writes AFTER UPDATE ON transactions
       FOR EACH ROW EXECUTE FUNCTION count_transaction_write()`,
    );
    try {
      await db.transaction(async (tx) => {
        const categorize = await categorizerFor(tx, loaded.userId, FLINKS);
        await storeAccountsDetail(tx, loaded, ANSWER, new Date(), categorize);
        await categorizeNewTransactions(tx, loaded.userId, { linkId: loaded.id, ...FLINKS });
        await applyFlinksCategories(tx, loaded, FLINKS);
      });
      const rows = await rowsOf(loaded.id);
      expect(rows).toEqual(expected);

      const bySource = (source: string) =>
        rows.filter((row) => row.category_source === source).map((row) => row.fid);
      expect(bySource('rule').sort()).toEqual(['c1', 'c7', 'v2']);
      expect(rows.find((row) => row.fid === 'c7')?.category).toBe('business');
      expect(bySource('flinks').sort()).toEqual(['c5', 'c6', 'c9', 'v3']);
      expect(bySource('builtin').length).toBeGreaterThan(0);
      const peerOf = (fid: string) => rows.find((row) => row.fid === fid)?.peer;
      expect(peerOf('c8')).toBe(`${SAVINGS.toLowerCase()}/s3`);
      expect(peerOf('c3')).toBe(`${SAVINGS.toLowerCase()}/s2`);
      expect(peerOf('c9')).toBe(`${CARD.toLowerCase()}/v3`);

      const { rows: writes } = await db.query<{ fid: string; writes: number }>(
        `SELECT t.flinks_transaction_id AS fid, count(*)::int AS writes
         FROM transaction_writes w JOIN transactions t ON t.id = w.id GROUP BY 1 ORDER BY 1`,
      );
      // Only the six halves of the three transfers, each once, for its peer.
      expect(writes).toEqual(['c3', 'c8', 'c9', 's2', 's3', 'v3'].map((fid) => ({ fid, writes: 1 })));
    } finally {
      await db.query('DROP TRIGGER count_transaction_writes ON transactions');
      await db.query('DROP FUNCTION count_transaction_write()');
      await db.query('DROP TABLE transaction_writes');
    }
  });
});
