/** Recurring payments: the list, and the person's confirmation or dismissal of one. */
import type { DecideRecurringResponse, RecurringResponse } from '@passbook/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/queries.ts';

const recurringKey = [...queryKeys.allSpending, 'recurring'] as const;

export function useRecurring() {
  return useQuery({
    queryKey: recurringKey,
    queryFn: ({ signal }) => api<RecurringResponse>('/api/recurring', { signal }).then((r) => r.recurring),
  });
}

export function useDecideRecurring() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: { id: string; status: 'confirmed' | 'dismissed' }) =>
      api<DecideRecurringResponse>(`/api/recurring/${encodeURIComponent(decision.id)}`, {
        method: 'PUT',
        body: { status: decision.status },
      }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: recurringKey }),
  });
}
