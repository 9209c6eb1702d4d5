/**
 * Storing a job's statements in one statement: each account and month once, a month given twice keeping the
 * later copy (as storing them one by one did), a refresh's copy replacing the stored one, and a statement of an
 * account the link does not hold left out. The sealed PDFs rest as bytes, as they were given.
 */
import { describe, expect, it } from 'vitest';
import { storeStatements } from '../../src/statements/repository.ts';
import { ENGINES } from '../helpers/database.ts';
import { useDatabase } from '../helpers/suite.ts';

describe.each(ENGINES)('storing statements on %s', (engine) => {
  const database = useDatabase(engine, 60_000);

  async function linkWithAccounts(...flinksIds: string[]) {
    const { db } = database;
    const userId = crypto.randomUUID();
    const linkId = crypto.randomUUID();
    await db.query('INSERT INTO users (id) VALUES ($1)', [userId]);
    await db.query(
      `INSERT INTO links (id, user_id, login_id_hash, login_id_encrypted, status) VALUES ($1, $2, $3, 'sealed', 'active')`,
      [linkId, userId, crypto.randomUUID()],
    );
    for (const flinksId of flinksIds) {
      await db.query(
        `INSERT INTO accounts (id, link_id, user_id, flinks_account_id, title, type, currency)
         VALUES ($1, $2, $3, $4, $4, 'Chequing', 'CAD')`,
        [crypto.randomUUID(), linkId, userId, flinksId],
      );
    }
    return { id: linkId, userId };
  }

  const stored = async (link: { id: string }) =>
    (
      await database.db.query<{
        account: string;
        period: string;
        pdf_sealed: string | null;
        sealed: Uint8Array;
        size_bytes: number;
      }>(
        `SELECT a.flinks_account_id AS account, s.period, s.pdf_sealed, s.pdf_sealed_bytes AS sealed, s.size_bytes
         FROM statements s JOIN accounts a ON a.id = s.account_id WHERE a.link_id = $1
         ORDER BY a.flinks_account_id, s.period`,
        [link.id],
      )
    ).rows.map(({ sealed, ...row }) => ({ ...row, sealed: Buffer.from(sealed).toString('latin1') }));

  it('stores each account and month once, the later of two copies, and leaves out an account not held', async () => {
    const link = await linkWithAccounts('A', 'B');
    // Every byte value, so that nothing on the way (an escape, a text encoding) can change them unseen.
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)).toString('latin1');
    const statement = (flinksAccountId: string, period: string, sealed: string) => ({
      flinksAccountId,
      period,
      pdfSealed: Buffer.from(sealed, 'latin1'),
      sizeBytes: sealed.length,
    });
    await database.db.transaction((tx) =>
      storeStatements(tx, link, [
        statement('A', '2026-10', 'first'),
        statement('B', '2026-10', 'b-october'),
        statement('A', '2026-10', 'second copy'),
        statement('A', '2026-09', `a-september${everyByte}`),
        statement('ELSEWHERE', '2026-10', 'not this link'),
      ]),
    );
    expect(await stored(link)).toEqual([
      {
        account: 'A',
        period: '2026-09',
        pdf_sealed: null,
        sealed: `a-september${everyByte}`,
        size_bytes: 267,
      },
      { account: 'A', period: '2026-10', pdf_sealed: null, sealed: 'second copy', size_bytes: 11 },
      { account: 'B', period: '2026-10', pdf_sealed: null, sealed: 'b-october', size_bytes: 9 },
    ]);

    await database.db.transaction((tx) =>
      storeStatements(tx, link, [statement('B', '2026-10', 'refreshed')]),
    );
    expect((await stored(link)).find((row) => row.account === 'B')?.sealed).toBe('refreshed');
    await database.db.transaction((tx) => storeStatements(tx, link, []));
    expect(await stored(link)).toHaveLength(3);
  });
});
