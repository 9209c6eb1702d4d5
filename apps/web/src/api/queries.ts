/**
 * Server state, route by route: each hook names one call of our API and the cache entries it touches.
 */
import type {
  AllTransactionsResponse,
  BalanceHistoryResponse,
  ConnectTokenResponse,
  CreateLinkResponse,
  Job,
  JobResponse,
  Language,
  Link,
  LinkResponse,
  ListLinksResponse,
  NetWorthResponse,
  StatementsResponse,
  TransactionsResponse,
} from '@passbook/contracts';
import { TERMINAL_JOB_STATES } from '@passbook/contracts/constants';
import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect } from 'react';
import { followChanges, useChangesPushed } from '../jobs/liveUpdates.ts';
import { moveTrackedJob, trackJob, useTrackedJobs } from '../jobs/trackedJobs.ts';
import { api, isApiError } from './client.ts';
import { type TransactionFilters, transactionsSearchParams } from './transactionFilters.ts';

export const queryKeys = {
  links: ['links'] as const,
  job: (id: string) => ['job', id] as const,
  transactions: (accountId: string, filters: TransactionFilters) =>
    ['transactions', accountId, filters] as const,
  everyAccountsTransactions: (filters: TransactionFilters) => ['transactions', '*', filters] as const,
  allTransactions: ['transactions'] as const,
  balances: (accountId: string) => ['balances', accountId] as const,
  allBalances: ['balances'] as const,
  netWorth: (version: string) => ['balances', 'net-worth', version] as const,
  allSpending: ['spending'] as const,
  statements: (accountId: string) => ['statements', accountId] as const,
  allStatements: ['statements'] as const,
};

/** Retries only what may succeed on its own: no answer, 429, 5xx. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < 2 && (!isApiError(error) || error.transient);
}

export function useLinks() {
  return useQuery({
    queryKey: queryKeys.links,
    queryFn: ({ signal }) => api<ListLinksResponse>('/api/links', { signal }).then((r) => r.links),
  });
}

export function isJobRunning(job: Job | null | undefined): boolean {
  return !!job && !TERMINAL_JOB_STATES.includes(job.state) && job.state !== 'mfa_required';
}

/** How often to ask for a job: every second while it runs, slowly while it waits for the person. */
export function jobPollInterval(job: Job | undefined): number | false {
  if (!job) return 1000;
  if (TERMINAL_JOB_STATES.includes(job.state)) return false;
  return job.state === 'mfa_required' ? 5000 : 1000;
}

/** Once a job ends, what it changed is read again from the server. */
function afterJobFinished(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.links });
  void queryClient.invalidateQueries({ queryKey: queryKeys.allTransactions });
  void queryClient.invalidateQueries({ queryKey: queryKeys.allBalances });
  void queryClient.invalidateQueries({ queryKey: queryKeys.allStatements });
}

/**
 * Follows the server's event stream while `enabled`: each change it tells of makes the links and the jobs
 * on screen read again. Returns whether the stream is open (then nothing needs polling).
 */
function usePushedChanges(enabled: boolean): boolean {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    return followChanges(
      () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.links });
        void queryClient.invalidateQueries({ queryKey: ['job'] });
      },
      ({ jobId, stage, storingTransactions }) => {
        // Shown at once: a read of the job would say the same, once the server can answer it.
        queryClient.setQueryData<Job>(queryKeys.job(jobId), (job) =>
          job && !TERMINAL_JOB_STATES.includes(job.state) ? { ...job, stage, storingTransactions } : job,
        );
      },
    );
  }, [enabled, queryClient]);
  return useChangesPushed();
}

/**
 * A job as the request that started it answered, shown at once and read again: it may have moved on before
 * that answer arrived, and the events saying so may have come before anything on the page followed it.
 */
function showStartedJob(queryClient: QueryClient, job: Job) {
  queryClient.setQueryData(queryKeys.job(job.id), job);
  void queryClient.invalidateQueries({ queryKey: queryKeys.job(job.id) });
}

export function useJob(id: string | null, initial?: Job) {
  const queryClient = useQueryClient();
  const pushed = usePushedChanges(id !== null);
  return useQuery({
    queryKey: queryKeys.job(id ?? 'none'),
    enabled: id !== null,
    initialData: initial && initial.id === id ? initial : undefined,
    initialDataUpdatedAt: 0,
    queryFn: async ({ signal }) => {
      const previous = queryClient.getQueryData<Job>(queryKeys.job(id ?? 'none'));
      const { job } = await api<JobResponse>(`/api/jobs/${encodeURIComponent(id ?? '')}`, { signal });
      if (
        job.state !== previous?.state &&
        (TERMINAL_JOB_STATES.includes(job.state) || job.state === 'mfa_required')
      ) {
        afterJobFinished(queryClient);
      }
      return job;
    },
    // Polled only while the event stream is not open.
    refetchInterval: pushed ? false : (query) => jobPollInterval(query.state.data),
    refetchIntervalInBackground: true,
  });
}

/**
 * A job this page follows whose link is gone from the list may have become another link's: a new link that
 * was a bank login already linked ends on the link the person has. Its job is then followed there.
 */
export function useJobsMovedToOtherLinks(links: readonly Link[]): void {
  const shown = new Set(links.map((link) => link.id));
  const orphans = useTrackedJobs().filter(([linkId]) => !shown.has(linkId));
  const jobs = useQueries({
    queries: orphans.map(([, jobId]) => ({
      queryKey: ['moved-job', jobId] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api<JobResponse>(`/api/jobs/${encodeURIComponent(jobId)}`, { signal }).then((r) => r.job),
    })),
  });
  useEffect(() => {
    for (const [index, [linkId]] of orphans.entries()) {
      const job = jobs[index]?.data;
      if (job && job.linkId !== linkId && shown.has(job.linkId)) moveTrackedJob(linkId, job.linkId, job.id);
    }
  });
}

/** What a Connect URL is minted for: a new connection, or resuming a job's or a first connection's question. */
export interface ConnectTokenRequest {
  language: Language;
  /** Read when the URL is minted; a later change of theme does not reopen Connect. */
  theme?: 'light' | 'dark';
  jobId?: string;
  requestId?: string;
}

export function useConnectToken(request: ConnectTokenRequest | null, attempt: number) {
  return useQuery({
    queryKey: [
      'connect-token',
      request?.language,
      request?.jobId ?? null,
      request?.requestId ?? null,
      attempt,
    ],
    enabled: request !== null,
    // Each token is single-use: never reuse one from the cache, never refetch one behind the iframe's back.
    gcTime: 0,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    queryFn: ({ signal }) =>
      api<ConnectTokenResponse>('/api/connect/token', {
        method: 'POST',
        body: request,
        signal,
      }),
  });
}

export function useCreateLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (loginId: string) =>
      api<CreateLinkResponse>('/api/links', { method: 'POST', body: { loginId } }),
    onSuccess: ({ link, job }) => {
      showStartedJob(queryClient, job);
      // The accounts page shows the new (or re-linked) bank at once, before the list is read again.
      queryClient.setQueryData<Link[]>(queryKeys.links, (links) => {
        if (!links) return links;
        const shown = { ...link, activeJob: link.activeJob ?? job };
        return links.some((l) => l.id === link.id)
          ? links.map((l) => (l.id === link.id ? shown : l))
          : [...links, shown];
      });
      trackJob(link.id, job.id);
      void queryClient.invalidateQueries({ queryKey: queryKeys.links });
    },
  });
}

export function useRefreshLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) =>
      api<JobResponse>(`/api/links/${encodeURIComponent(linkId)}/refresh`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: ({ job }) => {
      showStartedJob(queryClient, job);
      trackJob(job.linkId, job.id);
      void queryClient.invalidateQueries({ queryKey: queryKeys.links });
    },
  });
}

export function useRenameLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ linkId, name }: { linkId: string; name: string | null }) =>
      api<LinkResponse>(`/api/links/${encodeURIComponent(linkId)}`, {
        method: 'PATCH',
        body: { name },
      }),
    onSuccess: ({ link }) => {
      queryClient.setQueryData<Link[]>(queryKeys.links, (links) =>
        links?.map((l) => (l.id === link.id ? { ...l, name: link.name } : l)),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.links });
    },
  });
}

export function useDeleteLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => api(`/api/links/${encodeURIComponent(linkId)}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.links });
    },
  });
}

export function useBalanceHistory(accountId: string) {
  return useQuery({
    queryKey: queryKeys.balances(accountId),
    queryFn: ({ signal }) =>
      api<BalanceHistoryResponse>(`/api/accounts/${encodeURIComponent(accountId)}/balances`, {
        signal,
      }),
  });
}

/** The bank's statements of an account, newest first. */
export function useStatements(accountId: string) {
  return useQuery({
    queryKey: queryKeys.statements(accountId),
    queryFn: ({ signal }) =>
      api<StatementsResponse>(`/api/accounts/${encodeURIComponent(accountId)}/statements`, {
        signal,
      }).then((r) => r.statements),
  });
}

/**
 * Net worth per currency and its history. `version` names the balances on screen (from the links): when
 * they change, the history is read again, the previous one staying on screen meanwhile.
 */
export function useNetWorth(version: string) {
  return useQuery({
    queryKey: queryKeys.netWorth(version),
    queryFn: ({ signal }) => api<NetWorthResponse>('/api/net-worth', { signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * A small first page paints the first rows at once; then large pages, so that a 50,000-row account loads in
 * a few dozen requests while the reader scrolls.
 */
export const TRANSACTIONS_FIRST_PAGE = 250;
export const TRANSACTIONS_PAGE_SIZE = 2_500;

interface TransactionsPageParam {
  cursor: string | null;
  limit: number;
}

export function useTransactions(accountId: string, filters: TransactionFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: queryKeys.transactions(accountId, filters),
    enabled,
    initialPageParam: { cursor: null, limit: TRANSACTIONS_FIRST_PAGE } as TransactionsPageParam,
    getNextPageParam: (last: TransactionsResponse): TransactionsPageParam | null =>
      last.nextCursor ? { cursor: last.nextCursor, limit: TRANSACTIONS_PAGE_SIZE } : null,
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) => {
      const params = transactionsSearchParams(filters);
      params.set('limit', String(pageParam.limit));
      if (pageParam.cursor) params.set('cursor', pageParam.cursor);
      return api<TransactionsResponse>(
        `/api/accounts/${encodeURIComponent(accountId)}/transactions?${params}`,
        {
          signal,
        },
      );
    },
  });
}

/** The transactions of all the person's accounts matching the filters, newest first, paged like one account's. */
export function useAllTransactions(filters: TransactionFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: queryKeys.everyAccountsTransactions(filters),
    enabled,
    initialPageParam: { cursor: null, limit: TRANSACTIONS_FIRST_PAGE } as TransactionsPageParam,
    getNextPageParam: (last: AllTransactionsResponse): TransactionsPageParam | null =>
      last.nextCursor ? { cursor: last.nextCursor, limit: TRANSACTIONS_PAGE_SIZE } : null,
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) => {
      const params = transactionsSearchParams(filters);
      params.set('limit', String(pageParam.limit));
      if (pageParam.cursor) params.set('cursor', pageParam.cursor);
      return api<AllTransactionsResponse>(`/api/transactions?${params}`, { signal });
    },
  });
}
