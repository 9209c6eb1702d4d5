/**
 * Net worth and its history: a balance snapshot per account and day kept in the transaction that stores a
 * retrieval (the day's last one wins), assets less what is owed per currency, served to its owner only, and
 * gone with the link. Existing accounts start their history from their current balance.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { migrate } from '../../src/db/migrate.ts';
import { deleteLink } from '../../src/links/repository.ts';
import { Browser } from '../helpers/browser.ts';
import { testConfig } from '../helpers/config.ts';
import { ENGINES, openTestDatabase } from '../helpers/database.ts';
import type { AccountSpec } from '../helpers/flinks-data.ts';
import { linkWithoutBank, useApp } from '../helpers/suite.ts';

const DAY_1 = new Date('2026-03-01T12:00:00Z');
const DAY_1_LATER = new Date('2026-03-01T23:30:00Z');
const DAY_2 = new Date('2026-03-02T08:00:00Z');

const chequing = (current: number): AccountSpec => ({ id: 'chq', type: 'Chequing', current });
const card = (current: number): AccountSpec => ({ id: 'card', title: 'Visa', type: 'CreditCard', current });
const investment = (current: number): AccountSpec => ({
  id: 'inv',
  title: 'Brokerage',
  type: 'Investment',
  current,
});
const dollars = (current: number): AccountSpec => ({ id: 'usd', currency: 'USD', current });

describe.each(ENGINES)('net worth on %s', (engine) => {
  const suite = useApp(engine);

  async function linkedUser() {
    const { user, userId, link, store } = await linkWithoutBank(suite);
    const netWorth = async () => {
      const response = await user.get('/api/net-worth');
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    return { user, userId, link, store, netWorth };
  }

  it('is assets (investments included) less what is owed, per currency, now and day by day', async () => {
    const { store, netWorth } = await linkedUser();
    await store([chequing(1000), card(250), investment(5000), dollars(100)], DAY_1);
    // Later the same day: the day's last balances replace the earlier ones.
    await store([chequing(900), card(300), investment(5000), dollars(100)], DAY_1_LATER);
    // The next day the investment is not listed: it keeps its last balance.
    await store([chequing(2000), card(50)], DAY_2);

    const { currencies } = await netWorth();
    expect(currencies).toEqual([
      {
        currency: 'CAD',
        assets: 700_000,
        owed: 5_000,
        net: 695_000,
        points: [
          { date: '2026-03-01', assets: 590_000, owed: 30_000, net: 560_000 },
          { date: '2026-03-02', assets: 700_000, owed: 5_000, net: 695_000 },
        ],
      },
      {
        currency: 'USD',
        assets: 10_000,
        owed: 0,
        net: 10_000,
        points: [{ date: '2026-03-01', assets: 10_000, owed: 0, net: 10_000 }],
      },
    ]);
  });

  it('keeps one snapshot per account and day, written with the retrieval', async () => {
    const { store, link } = await linkedUser();
    await store([chequing(10), card(20)], DAY_1);
    await store([chequing(11), card(21)], DAY_1_LATER);
    await store([chequing(12)], DAY_2);
    const { rows } = await suite.database.db.query<{ title: string; day: string; balance: number }>(
      `SELECT a.title, to_char(s.day, 'YYYY-MM-DD') AS day, s.balance
       FROM balance_snapshots s JOIN accounts a ON a.id = s.account_id
       WHERE a.link_id = $1 ORDER BY s.day, a.title`,
      [link.id],
    );
    expect(rows).toEqual([
      { title: 'Chequing CAD', day: '2026-03-01', balance: 1_100 },
      { title: 'Visa', day: '2026-03-01', balance: 2_100 },
      { title: 'Chequing CAD', day: '2026-03-02', balance: 1_200 },
    ]);
  });

  it('keeps no snapshot of a retrieval that could not be stored', async () => {
    const { store, link } = await linkedUser();
    await expect(store([chequing(10), { id: 'bad', currency: 'C$D', current: 1 }], DAY_1)).rejects.toThrow();
    const { rows } = await suite.database.db.query(
      'SELECT 1 FROM balance_snapshots s JOIN accounts a ON a.id = s.account_id WHERE a.link_id = $1',
      [link.id],
    );
    expect(rows).toEqual([]);
  });

  it('shows a person their own net worth only', async () => {
    const owner = await linkedUser();
    await owner.store([chequing(1000), card(250)], DAY_1);
    const other = await linkedUser();
    await other.store([chequing(7)], DAY_1);

    const seen = await other.netWorth();
    expect(seen.currencies).toEqual([
      {
        currency: 'CAD',
        assets: 700,
        owed: 0,
        net: 700,
        points: [{ date: '2026-03-01', assets: 700, owed: 0, net: 700 }],
      },
    ]);
    const stranger = new Browser(suite.app);
    expect((await stranger.get('/api/net-worth')).json()).toEqual({ currencies: [] });
    // The owner's figures are still the owner's.
    expect((await owner.netWorth()).currencies[0]).toMatchObject({ assets: 100_000, owed: 25_000 });
  });

  it('forgets the history of a link removed', async () => {
    const { store, link, netWorth } = await linkedUser();
    await store([chequing(1000)], DAY_1);
    await deleteLink(suite.database.db, link.id);
    const { rows } = await suite.database.db.query(
      `SELECT 1 FROM balance_snapshots s WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.account_id)`,
    );
    expect(rows).toEqual([]);
    expect((await netWorth()).currencies).toEqual([]);
  });
});

describe.each(ENGINES)('net worth history of accounts stored before it on %s', (engine) => {
  it('starts from each account’s current balance on the day it was stored', async () => {
    const database = await openTestDatabase(engine);
    const app = await buildApp(testConfig(), { database: database.db, runJobs: false });
    try {
      // As before the migration: no snapshot table, accounts with their balances.
      await database.db.query('DROP TABLE balance_snapshots');
      await database.db.query("DELETE FROM schema_migrations WHERE id = '0098-balance-snapshots'");
      const user = new Browser(app);
      const { link } = (await user.post('/api/links', { loginId: crypto.randomUUID() })).json();
      const userId = await user.userId();
      for (const [id, kind, balance] of [
        ['chq', 'chequing', 120_000],
        ['card', 'credit', 4_500],
        ['none', 'savings', null],
      ] as const) {
        await database.db.query(
          `INSERT INTO accounts (id, link_id, user_id, flinks_account_id, title, type, currency, kind,
             balance_current, updated_at)
           VALUES ($1, $2, $3, $4, $4, $4, 'CAD', $5, $6, '2026-02-10T23:00:00Z')`,
          [crypto.randomUUID(), link.id, userId, id, kind, balance],
        );
      }
      expect(await migrate(database.db)).toEqual(['0098-balance-snapshots']);
      const { currencies } = (await user.get('/api/net-worth')).json();
      expect(currencies).toEqual([
        {
          currency: 'CAD',
          assets: 120_000,
          owed: 4_500,
          net: 115_500,
          points: [{ date: '2026-02-10', assets: 120_000, owed: 4_500, net: 115_500 }],
        },
      ]);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
