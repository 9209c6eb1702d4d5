/**
 * Gives every stored transaction of a user a merchant name and a category: the person's own rules first, then
 * Flinks' categorisation when the retrieval has one, then Passbook's built-in set. The transactions of the
 * accounts a link job creates are given theirs as they are loaded (`categorizerFor`); the others' are written
 * after storing (`categorizeNewTransactions`). A transaction keeps its category across refreshes (a refresh's
 * merge never touches these columns), and a category the person set by hand is never overwritten. Then pairs
 * the two halves of each transfer between the user's own accounts.
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

/** A new transaction that its categorising write makes a transfer, as the pairing reads it. */
interface NewTransferRow {
  id: string;
  account_id: string;
  day: number;
  seq: number;
  amount: number;
  description: string;
  direction: number;
  link_id: string;
  account_fid: string;
  fid: string;
}

const groupKey = (description: string, direction: number) => `${direction}\u0000${description}`;

/** What categorising gives a transaction: its merchant, the text rules match, its category and who chose it. */
export interface Categorized {
  merchant: string;
  searchText: string;
  category: string;
  source: 'rule' | 'flinks' | 'builtin';
}

/**
 * The category of a description with money going this way (`direction`, the sign of the amount): the latest
 * saved of the person's rules that matches, else Passbook's built-in set.
 */
function decideCategory(description: string, direction: number, rules: readonly UserRule[]): Categorized {
  const builtin = categorizeDescription(description, direction);
  const searchText = searchTextOf(description, builtin.merchant);
  const own = rules.find((rule) => searchText.includes(rule.match));
  return {
    merchant: builtin.merchant,
    searchText,
    category: own ? own.category : builtin.category,
    source: own ? 'rule' : 'builtin',
  };
}

/** A transaction of a retrieval, as its link's store is about to write it. */
export interface IncomingTransaction {
  /** The Flinks account Id, lower case as stored. */
  accountFid: string;
  fid: string;
  description: string;
  amount: number;
}

export type Categorize = (transaction: IncomingTransaction) => Categorized;

/**
 * Categorises the transactions one link's store is about to write, exactly as `categorizeNewTransactions`
 * would once they are stored: each distinct description and direction decided once (the person's rules, read
 * now, then the built-in set), Flinks' category (`flinks`, this link's retrieval's) in place of the built-in
 * one where it has one. Transfers are not paired here: the halves are rows of other accounts too, paired once
 * stored.
 */
export async function categorizerFor(
  db: Queryable,
  userId: string,
  flinks: FlinksCategories | null = null,
): Promise<Categorize> {
  const rules = await userRules(db, userId);
  const flinksCategory = new Map<string, string>();
  if (flinks !== null) {
    flinks.categories.forEach((category, index) => {
      flinksCategory.set(
        `${flinks.accountIds[index] ?? ''}\u0000${flinks.transactionIds[index] ?? ''}`,
        category,
      );
    });
  }
  const groups = new Map<string, Categorized>();
  return ({ accountFid, fid, description, amount }) => {
    const direction = Math.sign(amount);
    const key = groupKey(description, direction);
    let group = groups.get(key);
    if (group === undefined) {
      group = decideCategory(description, direction, rules);
      groups.set(key, group);
    }
    if (group.source !== 'builtin' || flinksCategory.size === 0) return group;
    const fromFlinks = flinksCategory.get(`${accountFid}\u0000${fid}`);
    return fromFlinks === undefined ? group : { ...group, category: fromFlinks, source: 'flinks' };
  };
}

/**
 * Categorises what is not yet categorised; returns how many transactions that was. A category depends only on
 * the description and the direction of the money, so each distinct pair is categorised once and its rows are
 * updated together: a business account's 50,000 card sales are a handful of descriptions. With Flinks'
 * categories (`flinks`), a new transaction Passbook's built-in set would decide takes Flinks' category instead,
 * in the same write. The transactions that become transfers are paired before anything is written, so that
 * each new row is written once, its peer with its category.
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
  if (rows.length === 0) {
    await pairTransfers(db, userId);
    return 0;
  }
  const rules = await userRules(db, userId);
  const decided = rows.map((row) => ({
    description: row.description,
    direction: row.direction,
    ...decideCategory(row.description, row.direction, rules),
  }));
  await pairNewTransfers(db, userId, decided, flinks);
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
  return rows.reduce((sum, row) => sum + row.count, 0);
}

/**
 * Pairs the transfers among the stored unpaired ones and the not yet categorised transactions that the writes
 * of `categorizeNewTransactions` make transfers (Flinks' category where it applies, else the decided one), and
 * writes the new halves of each pair whole: category, merchant and peer in one write, which the categorising
 * writes after it then skip. A stored half takes its peer alone.
 */
async function pairNewTransfers(
  db: Queryable,
  userId: string,
  decided: readonly {
    description: string;
    direction: number;
    merchant: string;
    searchText: string;
    category: string;
    source: string;
  }[],
  flinks: LinkFlinksCategories | null,
): Promise<void> {
  const groups = new Map(decided.map((row) => [groupKey(row.description, row.direction), row]));
  const flinksCategory = new Map<string, string>();
  const flinksTransfers: { accountIds: string[]; transactionIds: string[] } = {
    accountIds: [],
    transactionIds: [],
  };
  if (flinks !== null) {
    flinks.categories.forEach((category, index) => {
      const accountFid = flinks.accountIds[index] ?? '';
      const fid = flinks.transactionIds[index] ?? '';
      flinksCategory.set(`${accountFid}\u0000${fid}`, category);
      if (category === 'transfers') {
        flinksTransfers.accountIds.push(accountFid);
        flinksTransfers.transactionIds.push(fid);
      }
    });
  }
  const transferGroups = decided.filter((row) => row.category === 'transfers');
  /** What the categorising writes below will give a row: Flinks' where no rule of the person's applies. */
  const decide = (row: NewTransferRow) => {
    const group = groups.get(groupKey(row.description, row.direction));
    if (!group) return null;
    const fromFlinks =
      flinks !== null && group.source === 'builtin' && row.link_id === flinks.linkId
        ? flinksCategory.get(`${row.account_fid}\u0000${row.fid}`)
        : undefined;
    return fromFlinks === undefined ? group : { ...group, category: fromFlinks, source: 'flinks' };
  };
  const fresh =
    transferGroups.length === 0 && flinksTransfers.accountIds.length === 0
      ? []
      : (
          await db.query<NewTransferRow>(
            `SELECT t.id, t.account_id, (t.date - DATE '2000-01-01') AS day, t.seq, t.amount, t.description,
               sign(t.amount)::int AS direction, a.link_id, a.flinks_account_id AS account_fid,
               t.flinks_transaction_id AS fid
             FROM transactions t JOIN accounts a ON a.id = t.account_id
             WHERE a.user_id = $1 AND t.category IS NULL
               AND ((t.description, sign(t.amount)::int) IN (SELECT * FROM unnest($2::text[], $3::int[]))
                 OR (a.link_id = $4 AND (a.flinks_account_id, t.flinks_transaction_id)
                   IN (SELECT * FROM unnest($5::text[], $6::text[]))))`,
            [
              userId,
              transferGroups.map((row) => row.description),
              transferGroups.map((row) => row.direction),
              flinks?.linkId ?? null,
              flinksTransfers.accountIds,
              flinksTransfers.transactionIds,
            ],
          )
        ).rows.filter((row) => decide(row)?.category === 'transfers');
  const stored = await unpairedTransfers(db, userId);
  const candidates = [...stored, ...fresh].sort((a, b) => a.day - b.day || a.seq - b.seq);
  const pairs = matchTransfers(candidates);
  if (pairs.size === 0) return;
  const freshById = new Map(fresh.map((row) => [row.id, row]));
  const whole: {
    id: string;
    peer: string;
    merchant: string;
    searchText: string;
    category: string;
    source: string;
  }[] = [];
  const peerOnly: { id: string; peer: string }[] = [];
  for (const [id, peer] of pairs) {
    const row = freshById.get(id);
    const decision = row && decide(row);
    if (decision) whole.push({ id, peer, ...decision });
    else peerOnly.push({ id, peer });
  }
  if (whole.length > 0) {
    await db.query(
      `UPDATE transactions t SET merchant = c.merchant, search_text = c.search_text, category = c.category,
         category_source = c.source, transfer_peer_id = c.peer
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
         AS c(id, peer, merchant, search_text, category, source)
       WHERE t.id = c.id`,
      [
        whole.map((row) => row.id),
        whole.map((row) => row.peer),
        whole.map((row) => row.merchant),
        whole.map((row) => row.searchText),
        whole.map((row) => row.category),
        whole.map((row) => row.source),
      ],
    );
  }
  if (peerOnly.length > 0) await setPeers(db, peerOnly);
}

interface TransferCandidate {
  id: string;
  account_id: string;
  day: number;
  seq: number;
  amount: number;
}

/**
 * The user's stored transfers not paired yet, oldest first ($1: the user). Looked up account by account in the
 * partial index of unpaired transfers (migration 0101): neither every person's transactions nor every person's
 * unpaired transfers are read, whatever the planner's statistics say of how many there are.
 */
export const UNPAIRED_TRANSFERS_SQL = `SELECT t.id, t.account_id, (t.date - DATE '2000-01-01') AS day, t.seq, t.amount
  FROM transactions t
  WHERE t.account_id = ANY (ARRAY(SELECT id FROM accounts WHERE user_id = $1))
    AND t.category = 'transfers' AND t.transfer_peer_id IS NULL
  ORDER BY t.date, t.seq`;

async function unpairedTransfers(db: Queryable, userId: string): Promise<TransferCandidate[]> {
  return (await db.query<TransferCandidate>(UNPAIRED_TRANSFERS_SQL, [userId])).rows;
}

/**
 * Money out of one of the user's accounts and the same amount into another within a few days is one transfer:
 * each money out, oldest first, takes the nearest unpaired money in. Returns each half's peer, both ways.
 */
function matchTransfers(rows: readonly TransferCandidate[]): Map<string, string> {
  const incoming = rows.filter((row) => row.amount > 0);
  const taken = new Set<string>();
  const pairs = new Map<string, string>();
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
      pairs.set(out.id, best.id);
      pairs.set(best.id, out.id);
    }
  }
  return pairs;
}

async function setPeers(db: Queryable, peers: readonly { id: string; peer: string }[]): Promise<void> {
  await db.query(
    `UPDATE transactions t SET transfer_peer_id = p.peer
     FROM unnest($1::uuid[], $2::uuid[]) AS p(id, peer)
     WHERE t.id = p.id`,
    [peers.map((row) => row.id), peers.map((row) => row.peer)],
  );
}

/**
 * Pairs the two halves of each transfer among the user's stored transactions. Only transactions already worded
 * as transfers are candidates, so that a purchase and an unrelated deposit of the same amount are never joined.
 */
export async function pairTransfers(db: Queryable, userId: string): Promise<number> {
  const pairs = matchTransfers(await unpairedTransfers(db, userId));
  if (pairs.size === 0) return 0;
  await setPeers(
    db,
    [...pairs].map(([id, peer]) => ({ id, peer })),
  );
  return pairs.size / 2;
}
