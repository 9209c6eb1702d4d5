/** Spending and categories: the calls of our API the spending page makes, and what each invalidates. */
import type {
  CategoryKey,
  CategoryRuleResponse,
  SpendingResponse,
  SpendingTransactionsResponse,
  TransactionResponse,
} from '@passbook/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';

/** Months shown side by side: the chosen one and the five before it, for the change against them. */
export const SPENDING_MONTHS = 6;

export interface SpendingSelection {
  currency: string | null;
  month: string | null;
}

export function useSpending(selection: SpendingSelection) {
  return useQuery({
    queryKey: [...queryKeys.allSpending, 'months', selection],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ months: String(SPENDING_MONTHS) });
      if (selection.currency) params.set('currency', selection.currency);
      if (selection.month) params.set('month', selection.month);
      return api<SpendingResponse>(`/api/spending?${params}`, { signal });
    },
  });
}

export function useSpendingTransactions(
  query: { currency: string; month: string; category: CategoryKey } | null,
) {
  return useQuery({
    queryKey: [...queryKeys.allSpending, 'transactions', query],
    enabled: query !== null,
    queryFn: ({ signal }) =>
      api<SpendingTransactionsResponse>(`/api/spending/transactions?${new URLSearchParams({ ...query })}`, {
        signal,
      }),
  });
}

/** Puts one transaction in a category and, when `rule` is given, every transaction matching its text. */
export function useRecategorize() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: { transactionId: string; category: CategoryKey; rule: string | null }) => {
      await api<TransactionResponse>(`/api/transactions/${encodeURIComponent(change.transactionId)}`, {
        method: 'PATCH',
        body: { category: change.category },
      });
      if (change.rule !== null) {
        await api<CategoryRuleResponse>('/api/category-rules', {
          method: 'POST',
          body: { match: change.rule, category: change.category },
        });
      }
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.allSpending });
      void queryClient.invalidateQueries({ queryKey: queryKeys.allTransactions });
    },
  });
}
