/**
 * Gives every stored transaction of a user a merchant name and a category, after storing and never inside it:
 * the person's own rules first, then Flinks' categorisation when the retrieval has one, then Passbook's
 * built-in set. A transaction keeps its category across
 * refreshes (storage never touches these columns), and a category the person set by hand is never overwritten.
 * Then pairs the two halves of each transfer between the user's own accounts.
 */
import type { CategoryKey } from '@passbook/contracts';
import type { Queryable } from '../db/database.ts';
import { categorizeDescription } from './builtin.ts';
import type { FlinksCategories } from './flinks.ts';
import { normalizeText } from './merchant.ts';

/** Descriptions (or Flinks' transactions) per UPDATE: few statements, each array well within what one parameter
 * should carry. */
const BATCH = 5_000;
/** The two halves of a transfer are booked within this many days of each other. */
const TRANSFER_WINDOW_DAYS = 3;

export interface UserRule {
  match: string;
  category: CategoryKey;
}

/** The user's rules, the latest saved first: as on the history it was applied to, the latest rule wins. */
export async function userRules(db: Queryable, userId: string): Promise<UserRule[]> {
  const { rows } = await db.query<UserRule>(
    `SELECT match, category FROM category_rules WHERE user_id = $1
     ORDER BY created_at DESC, id`,
    [userId],
  );
  return rows;
}

/** The text rules match against: the raw description and the merchant name, folded. */
export function searchTextOf(description: string, merchant: string): string {
  return normalizeText(`${description} ${merchant}`);
}

/** Flinks' categories of one of the user's links (Enrich), for the transactions that link just stored. */
export interface LinkFlinksCategories extends FlinksCategories {
  linkId: string;
}

/**
 * Categorises what is not yet categorised; returns how many transactions that was. A category depends only on
 * the description and the direction of the money, so each distinct pair is categorised once and its rows are
 * updated together: a business account's 50,000 card sales are a handful of descriptions. With Flinks'
 * categories (`flinks`), a new transaction Passbook's built-in set would decide takes Flinks' category instead,
 * in the same write: each new row is written once.
 */
export async function categorizeNewTransactions(
  db: Queryable,
  userId: string,
  flinks: LinkFlinksCategories | null = null,
): Promise<number> {
  const { rows } = await db.query<{ description: string; direction: number; count: number }>(
    `SELECT t.description, sign(t.amount)::int AS direction, count(*)::int AS count
     FROM transactions t JOIN accounts a ON a.id = t.account_id
     WHERE a.user_id = $1 AND t.category IS NULL
     GROUP BY 1, 2`,
    [userId],
  );
  if (rows.length > 0) {
    const rules = await userRules(db, userId);
    const decided = rows.map((row) => {
      const builtin = categorizeDescription(row.description, row.direction);
      const searchText = searchTextOf(row.description, builtin.merchant);
      const own = rules.find((rule) => searchText.includes(rule.match));
      return {
        description: row.description,
        direction: row.direction,
        merchant: builtin.merchant,
        searchText,
        category: own ? own.category : builtin.category,
        source: own ? 'rule' : 'builtin',
      };
    });
    // Flinks' category first, where it has one and no rule of the person's applies; the rest below.
    if (flinks !== null) {
      const ruleless = decided.filter((row) => row.source === 'builtin');
      for (let start = 0; start < ruleless.length; start += BATCH) {
        const batch = ruleless.slice(start, start + BATCH);
        for (let from = 0; from < flinks.categories.length; from += BATCH) {
          const to = from + BATCH;
          await db.query(
            `UPDATE transactions t SET merchant = c.merchant, search_text = c.search_text, category = f.category,
               category_source = 'flinks'
             FROM unnest($3::text[], $4::int[], $5::text[], $6::text[])
               AS c(description, direction, merchant, search_text),
               unnest($7::text[], $8::text[], $9::text[]) AS f(account_fid, fid, category),
               accounts a
             WHERE a.user_id = $1 AND a.link_id = $2 AND a.flinks_account_id = f.account_fid
               AND t.account_id = a.id AND t.flinks_transaction_id = f.fid AND t.category IS NULL
               AND t.description = c.description AND sign(t.amount)::int = c.direction`,
            [
              userId,
              flinks.linkId,
              batch.map((row) => row.description),
              batch.map((row) => row.direction),
              batch.map((row) => row.merchant),
              batch.map((row) => row.searchText),
              flinks.accountIds.slice(from, to),
              flinks.transactionIds.slice(from, to),
              flinks.categories.slice(from, to),
            ],
          );
        }
      }
    }
    for (let start = 0; start < decided.length; start += BATCH) {
      const batch = decided.slice(start, start + BATCH);
      await db.query(
        `UPDATE transactions t SET merchant = c.merchant, search_text = c.search_text, category = c.category,
           category_source = c.source
         FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])
           AS c(description, direction, merchant, search_text, category, source),
           accounts a
         WHERE a.id = t.account_id AND a.user_id = $1 AND t.category IS NULL
           AND t.description = c.description AND sign(t.amount)::int = c.direction`,
        [
          userId,
          batch.map((row) => row.description),
          batch.map((row) => row.direction),
          batch.map((row) => row.merchant),
          batch.map((row) => row.searchText),
          batch.map((row) => row.category),
          batch.map((row) => row.source),
        ],
      );
    }
  }
  await pairTransfers(db, userId);
  return rows.reduce((sum, row) => sum + row.count, 0);
}

interface TransferCandidate {
  id: string;
  account_id: string;
  day: number;
  amount: number;
}

/**
 * Money out of one of the user's accounts and the same amount into another within a few days is one transfer:
 * each half points at the other, and both count as a transfer. Only transactions already worded as transfers
 * are candidates, so that a purchase and an unrelated deposit of the same amount are never joined.
 */
export async function pairTransfers(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<TransferCandidate>(
    `SELECT t.id, t.account_id, (t.date - DATE '2000-01-01') AS day, t.amount
     FROM transactions t JOIN accounts a ON a.id = t.account_id
     WHERE a.user_id = $1 AND t.category = 'transfers' AND t.transfer_peer_id IS NULL
     ORDER BY t.date, t.seq`,
    [userId],
  );
  const incoming = rows.filter((row) => row.amount > 0);
  const taken = new Set<string>();
  const outs: string[] = [];
  const ins: string[] = [];
  for (const out of rows) {
    if (out.amount >= 0) continue;
    let best: TransferCandidate | null = null;
    for (const candidate of incoming) {
      if (taken.has(candidate.id) || candidate.account_id === out.account_id) continue;
      if (candidate.amount !== -out.amount) continue;
      const distance = Math.abs(candidate.day - out.day);
      if (distance > TRANSFER_WINDOW_DAYS) continue;
      if (best === null || distance < Math.abs(best.day - out.day)) best = candidate;
    }
    if (best) {
      taken.add(best.id);
      outs.push(out.id);
      ins.push(best.id);
    }
  }
  if (outs.length === 0) return 0;
  await db.query(
    `UPDATE transactions t SET transfer_peer_id = p.peer
     FROM (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS o(id, peer)
           UNION ALL SELECT * FROM unnest($2::uuid[], $1::uuid[]) AS i(id, peer)) p
     WHERE t.id = p.id`,
    [outs, ins],
  );
  return outs.length;
}
