/** What the money did: the person's own category rules, one transaction's category, and spending per month. */
import { z } from 'zod';
import { CategoryKey, Id, Money, Transaction } from './api.ts';

/** A transaction with the account it belongs to, for lists that span accounts. */
export const CategorizedTransaction = Transaction.extend({
  accountId: Id,
  accountTitle: z.string(),
}).meta({ id: 'CategorizedTransaction' });
export type CategorizedTransaction = z.infer<typeof CategorizedTransaction>;

export const TransactionParams = z.object({ id: Id }).strict();
export const UpdateTransactionRequest = z.object({ category: CategoryKey }).strict();
export const TransactionResponse = z.object({ transaction: Transaction });
export type TransactionResponse = z.infer<typeof TransactionResponse>;

export const CategoryRule = z
  .object({
    id: Id,
    /** Text found in the description or merchant name, case and accents ignored ("TIM HORTONS"). */
    match: z.string(),
    category: CategoryKey,
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'CategoryRule' });
export type CategoryRule = z.infer<typeof CategoryRule>;

export const CreateCategoryRuleRequest = z
  .object({ match: z.string().trim().min(2).max(100), category: CategoryKey })
  .strict();
export type CreateCategoryRuleRequest = z.infer<typeof CreateCategoryRuleRequest>;
export const CategoryRuleParams = z.object({ id: Id }).strict();
export const CategoryRuleResponse = z.object({
  rule: CategoryRule,
  /** How many stored transactions the rule recategorised. */
  applied: z.number().int().nonnegative(),
});
export type CategoryRuleResponse = z.infer<typeof CategoryRuleResponse>;
export const ListCategoryRulesResponse = z.object({ rules: z.array(CategoryRule) });

/** A calendar month, `YYYY-MM`. */
export const IsoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM');

export const SPENDING_MONTHS_MAX = 24;
export const SpendingQuery = z
  .object({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    /** The last month shown; the latest month with transactions when absent. */
    month: IsoMonth.optional(),
    months: z.coerce.number().int().min(1).max(SPENDING_MONTHS_MAX).default(6),
  })
  .strict();
export type SpendingQuery = z.input<typeof SpendingQuery>;

export const SpendingResponse = z.object({
  /** The currency of every amount here; null when nothing is stored yet. */
  currency: z.string().length(3).nullable(),
  /** Every currency the person has spending in, for switching. */
  currencies: z.array(z.string().length(3)),
  /** Oldest first, ending with the requested month. */
  months: z.array(IsoMonth),
  /** Net spending (money out less refunds) per category and month, parallel to `months`. */
  categories: z.array(z.object({ category: CategoryKey, amounts: z.array(Money) })),
  totals: z.array(Money),
});
export type SpendingResponse = z.infer<typeof SpendingResponse>;

export const SpendingTransactionsQuery = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/),
    month: IsoMonth,
    category: CategoryKey,
  })
  .strict();
export const SPENDING_TRANSACTIONS_MAX = 500;
export const SpendingTransactionsResponse = z.object({
  /** Newest first, at most SPENDING_TRANSACTIONS_MAX of them. */
  transactions: z.array(CategorizedTransaction),
  total: z.number().int().nonnegative(),
});
export type SpendingTransactionsResponse = z.infer<typeof SpendingTransactionsResponse>;
