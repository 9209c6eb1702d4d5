/**
 * Flinks' Broad Categorization (Enrich) onto Passbook's categories. Flinks names a Category and a SubCategory
 * in English (its guide writes "Food & Dining", its answers "Food and Dining"); both are matched without
 * regard to case, `&` or spacing, the SubCategory first. A pair with no counterpart here is left to Passbook's
 * own rules. A person's rule or own choice always wins over it; Flinks' category wins over Passbook's built-in set.
 */
import type { CategoryKey } from '@passbook/contracts';
import type { CategorizedTransaction } from '@passbook/flinks';
import type { Queryable } from '../db/database.ts';
import { pairTransfers } from './apply.ts';

const key = (name: string) =>
  name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z]+/g, ' ')
    .trim();

/** SubCategories whose meaning differs from their primary category's. */
const BY_SUBCATEGORY: Readonly<Record<string, CategoryKey>> = {
  groceries: 'groceries',
  'alcohol and bars': 'restaurants',
  rent: 'housing',
  mortgage: 'housing',
  furnishings: 'shopping',
  'home improvement': 'shopping',
  'e transfer': 'people',
  'streaming services': 'subscriptions',
  'software subscriptions': 'subscriptions',
  subscriptions: 'subscriptions',
  'atm withdrawal': 'cash',
  'bank fees': 'fees',
  'interest charges': 'fees',
  'balance adjustment': 'other',
  payroll: 'business',
};

const BY_CATEGORY: Readonly<Record<string, CategoryKey>> = {
  'food and dining': 'restaurants',
  health: 'health',
  home: 'housing',
  income: 'income',
  travel: 'travel',
  utilities: 'bills',
  insurance: 'bills',
  'transfers and adjustments': 'transfers',
  transfers: 'transfers',
  shopping: 'shopping',
  entertainment: 'entertainment',
  transportation: 'transport',
  'auto and transport': 'transport',
  'fees and charges': 'fees',
  fees: 'fees',
  cash: 'cash',
  business: 'business',
};

/** Passbook's category for Flinks' pair, or null when Passbook has none (its own rules then decide). */
export function mapFlinksCategory(
  category: string | null | undefined,
  subCategory: string | null | undefined,
): CategoryKey | null {
  const primary = category ? BY_CATEGORY[key(category)] : undefined;
  if (!primary) return null;
  const refined = subCategory ? BY_SUBCATEGORY[key(subCategory)] : undefined;
  // A correction or reversal says nothing of what the money was for: Passbook's rules decide.
  if (refined === 'other') return null;
  return refined ?? primary;
}

/** Rows per UPDATE: each array well within what one parameter should carry. */
const BATCH = 5_000;

/** Flinks' categories of a retrieval that map onto Passbook's, by Flinks' account and transaction ids. */
export interface FlinksCategories {
  accountIds: string[];
  transactionIds: string[];
  categories: CategoryKey[];
}

export function flinksCategoriesOf(transactions: readonly CategorizedTransaction[]): FlinksCategories {
  const mapped: FlinksCategories = { accountIds: [], transactionIds: [], categories: [] };
  for (const transaction of transactions) {
    const category = mapFlinksCategory(transaction.Category, transaction.SubCategory);
    if (category === null) continue;
    mapped.accountIds.push(transaction.AccountId.toLowerCase());
    mapped.transactionIds.push(transaction.TransactionId);
    mapped.categories.push(category);
  }
  return mapped;
}

/**
 * Gives the link's already categorised transactions Flinks' category where Passbook's built-in set (or Flinks,
 * before) had decided and Flinks now says otherwise; returns how many changed. New transactions take Flinks'
 * category as they are first categorised (`categorizeNewTransactions`): this is for those stored before, by a
 * retrieval without Enrich. Then pairs the transfers this may have revealed.
 */
export async function applyFlinksCategories(
  db: Queryable,
  link: { id: string; userId: string },
  flinks: FlinksCategories,
): Promise<number> {
  const { accountIds, transactionIds, categories } = flinks;
  let changed = 0;
  for (let start = 0; start < categories.length; start += BATCH) {
    const end = start + BATCH;
    const result = await db.query(
      `UPDATE transactions t SET category = c.category, category_source = 'flinks'
       FROM unnest($2::text[], $3::text[], $4::text[]) AS c(account_fid, fid, category), accounts a
       WHERE a.link_id = $1 AND a.flinks_account_id = c.account_fid
         AND t.account_id = a.id AND t.flinks_transaction_id = c.fid
         AND t.category_source IN ('builtin', 'flinks')
         AND (t.category, t.category_source) IS DISTINCT FROM (c.category, 'flinks')`,
      [link.id, accountIds.slice(start, end), transactionIds.slice(start, end), categories.slice(start, end)],
    );
    changed += result.rowCount;
  }
  if (changed > 0) await pairTransfers(db, link.userId);
  return changed;
}
