/** Spending and categories: the calls of our API the spending page makes, and what each invalidates. */
import type { CategoryKey } from '@passbook/contracts';
import { routes } from '@passbook/contracts/routes';
import {
  keepPreviousData,
  queryOptions,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { request } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';

/** Months shown side by side: the chosen one and the five before it, for the change against them. */
export const SPENDING_MONTHS = 6;

export interface SpendingSelection {
  currency: string | null;
  month: string | null;
}

/** Spending per month by category, the chosen month and the ones before it. */
export function spendingQuery(selection: SpendingSelection) {
  return queryOptions({
    queryKey: [...queryKeys.allSpending, 'months', selection],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      request(routes.spending, {
        query: {
          months: SPENDING_MONTHS,
          currency: selection.currency || undefined,
          month: selection.month || undefined,
        },
        signal,
      }),
  });
}

export function useSpending(selection: SpendingSelection) {
  return useQuery(spendingQuery(selection));
}

export interface SpendingTransactionsSelection {
  currency: string;
  month: string;
  category: CategoryKey;
}

/** The transactions behind one category's spending in one month; nothing is asked until one is chosen. */
export function spendingTransactionsQuery(query: SpendingTransactionsSelection | null) {
  return queryOptions({
    queryKey: [...queryKeys.allSpending, 'transactions', query],
    queryFn:
      query === null ? skipToken : ({ signal }) => request(routes.spendingTransactions, { query, signal }),
  });
}

export function useSpendingTransactions(query: SpendingTransactionsSelection | null) {
  return useQuery(spendingTransactionsQuery(query));
}

/** Puts one transaction in a category and, when `rule` is given, every transaction matching its text. */
export function useRecategorize() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: { transactionId: string; category: CategoryKey; rule: string | null }) => {
      await request(routes.updateTransaction, {
        params: { id: change.transactionId },
        body: { category: change.category },
      });
      if (change.rule !== null) {
        await request(routes.createCategoryRule, { body: { match: change.rule, category: change.category } });
      }
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.allSpending });
      void queryClient.invalidateQueries({ queryKey: queryKeys.allTransactions });
    },
  });
}
