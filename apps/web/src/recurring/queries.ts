/** Recurring payments: the list, and the person's confirmation or dismissal of one. */
import { routes } from '@passbook/contracts/routes';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';

const recurringKey = [...queryKeys.allSpending, 'recurring'] as const;

/** Subscriptions, bills and income that repeat. */
export function recurringQuery() {
  return queryOptions({
    queryKey: recurringKey,
    queryFn: ({ signal }) => request(routes.listRecurring, { signal }).then((r) => r.recurring),
  });
}

export function useRecurring() {
  return useQuery(recurringQuery());
}

export function useDecideRecurring() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: { id: string; status: 'confirmed' | 'dismissed' }) =>
      request(routes.decideRecurring, { params: { id: decision.id }, body: { status: decision.status } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: recurringKey }),
  });
}
