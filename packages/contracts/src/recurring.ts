/** Recurring payments detected from repeats in the history, and the person's word on each. */
import { z } from 'zod';
import { CategoryKey, Id, IsoDate, Money } from './api.ts';

export const RecurringStatus = z.enum(['detected', 'confirmed', 'dismissed']);
export type RecurringStatus = z.infer<typeof RecurringStatus>;

export const RecurringPayment = z
  .object({
    /** Stable across refreshes: a decision about it sticks. */
    id: Id,
    merchant: z.string(),
    category: CategoryKey,
    /** Subscriptions, bills (everything else going out) and income (coming in). */
    kind: z.enum(['subscription', 'bill', 'income']),
    cadence: z.enum(['weekly', 'biweekly', 'monthly', 'quarterly', 'yearly']),
    currency: z.string().length(3),
    /** The typical amount of the last occurrences, unsigned minor units. */
    amount: Money,
    occurrences: z.number().int().positive(),
    lastDate: IsoDate,
    nextDate: IsoDate,
    nextAmount: Money,
    status: RecurringStatus,
  })
  .meta({ id: 'RecurringPayment' });
export type RecurringPayment = z.infer<typeof RecurringPayment>;

export const RecurringQuery = z
  .object({ dismissed: z.enum(['include', 'exclude']).default('exclude') })
  .strict();
export const RecurringResponse = z.object({ recurring: z.array(RecurringPayment) });
export type RecurringResponse = z.infer<typeof RecurringResponse>;

export const RecurringParams = z.object({ id: Id }).strict();
export const DecideRecurringRequest = z.object({ status: z.enum(['confirmed', 'dismissed']) }).strict();
export const DecideRecurringResponse = z.object({ recurring: RecurringPayment });
export type DecideRecurringResponse = z.infer<typeof DecideRecurringResponse>;
