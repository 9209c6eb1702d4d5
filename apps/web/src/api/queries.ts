/**
 * Server state, route by route: each query of our API has a factory (`linksQuery()`, `jobQuery(id)`…) giving
 * its cache key and its call, which the hooks use and a route loader can too
 * (`queryClient.ensureQueryData(linksQuery())`); each mutation names the cache entries it changes.
 */
import type {
  AllTransactionsResponse,
  Job,
  JobState,
  Language,
  Link,
  TransactionsResponse,
} from '@passbook/contracts';
import { TERMINAL_JOB_STATES } from '@passbook/contracts/constants';
import { routes } from '@passbook/contracts/routes';
import {
  infiniteQueryOptions,
  keepPreviousData,
  type QueryClient,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { followChanges, useChangesPushed } from '../jobs/liveUpdates.ts';
import { moveTrackedJob, trackJob, useTrackedJobs } from '../jobs/trackedJobs.ts';
import { isApiError, request } from './client.ts';
import { filtersQuery, type TransactionFilters } from './transactionFilters.ts';

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

/** The person's links with their accounts and balances. */
export function linksQuery() {
  return queryOptions({
    queryKey: queryKeys.links,
    queryFn: ({ signal }) => request(routes.listLinks, { signal }).then((r) => r.links),
  });
}

export function useLinks() {
  return useQuery(linksQuery());
}

/** The links (the query, as `useLinks` gives it) and their accounts by id, from the same cache entry. */
export function useAccountsById() {
  const links = useLinks();
  const accountsById = useMemo(
    () =>
      new Map((links.data ?? []).flatMap((link) => link.accounts.map((account) => [account.id, account]))),
    [links.data],
  );
  return { links, accountsById };
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

/** One job as the server has it now. */
export function jobQuery(id: string) {
  return queryOptions({
    queryKey: queryKeys.job(id),
    queryFn: ({ signal }) => request(routes.getJob, { params: { id }, signal }).then((r) => r.job),
  });
}

/** A state in which a job has done what it will do without the person: what it changed can be read. */
function isSettled(state: JobState): boolean {
  return TERMINAL_JOB_STATES.includes(state) || state === 'mfa_required';
}

export function useJob(id: string | null, initial?: Job) {
  const queryClient = useQueryClient();
  const pushed = usePushedChanges(id !== null);
  const query = useQuery({
    ...jobQuery(id ?? 'none'),
    enabled: id !== null,
    initialData: initial && initial.id === id ? initial : undefined,
    initialDataUpdatedAt: 0,
    // Polled only while the event stream is not open.
    refetchInterval: pushed ? false : (query) => jobPollInterval(query.state.data),
    refetchIntervalInBackground: true,
  });
  // Once a job settles, what it changed is read again: where its state is seen to change (from an answer of
  // the server, not the initial data the page had), never inside the request that read it.
  const seen = useRef<{ id: string | null; state: JobState | undefined }>({ id: null, state: undefined });
  const state = query.data?.state;
  const fetched = query.dataUpdatedAt > 0;
  useEffect(() => {
    const previous = seen.current;
    seen.current = { id, state };
    if (state === undefined || !isSettled(state) || !fetched) return;
    if (previous.id === id && previous.state === state) return;
    afterJobFinished(queryClient);
  }, [id, state, fetched, queryClient]);
  return query;
}

/** A followed job read once more, apart from its live entry, to see which link it now belongs to. */
export function movedJobQuery(jobId: string) {
  return queryOptions({
    queryKey: ['moved-job', jobId] as const,
    queryFn: ({ signal }) => request(routes.getJob, { params: { id: jobId }, signal }).then((r) => r.job),
  });
}

/**
 * A job this page follows whose link is gone from the list may have become another link's: a new link that
 * was a bank login already linked ends on the link the person has. Its job is then followed there.
 */
export function useJobsMovedToOtherLinks(links: readonly Link[]): void {
  const shown = new Set(links.map((link) => link.id));
  const orphans = useTrackedJobs().filter(([linkId]) => !shown.has(linkId));
  const jobs = useQueries({ queries: orphans.map(([, jobId]) => movedJobQuery(jobId)) });
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

/** A Connect URL minted for `token` (`attempt` counts the times the person asked for a fresh one). */
export function connectTokenQuery(token: ConnectTokenRequest | null, attempt: number) {
  return queryOptions({
    queryKey: ['connect-token', token?.language, token?.jobId ?? null, token?.requestId ?? null, attempt],
    enabled: token !== null,
    // Each token is single-use: never reuse one from the cache, never refetch one behind the iframe's back.
    gcTime: 0,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    queryFn: ({ signal }) => request(routes.connectToken, { body: token, signal }),
  });
}

export function useConnectToken(token: ConnectTokenRequest | null, attempt: number) {
  return useQuery(connectTokenQuery(token, attempt));
}

export function useCreateLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (loginId: string) => request(routes.createLink, { body: { loginId } }),
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
    mutationFn: (linkId: string) => request(routes.refreshLink, { params: { id: linkId } }),
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
      request(routes.renameLink, { params: { id: linkId }, body: { name } }),
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
    mutationFn: (linkId: string) => request(routes.deleteLink, { params: { id: linkId } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.links });
    },
  });
}

/** An account's daily closing balances, oldest first. */
export function balanceHistoryQuery(accountId: string) {
  return queryOptions({
    queryKey: queryKeys.balances(accountId),
    queryFn: ({ signal }) => request(routes.balanceHistory, { params: { id: accountId }, signal }),
  });
}

export function useBalanceHistory(accountId: string) {
  return useQuery(balanceHistoryQuery(accountId));
}

/** The bank's statements of an account, newest first. */
export function statementsQuery(accountId: string) {
  return queryOptions({
    queryKey: queryKeys.statements(accountId),
    queryFn: ({ signal }) =>
      request(routes.listStatements, { params: { id: accountId }, signal }).then((r) => r.statements),
  });
}

export function useStatements(accountId: string) {
  return useQuery(statementsQuery(accountId));
}

/**
 * Net worth per currency and its history. `version` names the balances on screen (from the links): when
 * they change, the history is read again, the previous one staying on screen meanwhile.
 */
export function netWorthQuery(version: string) {
  return queryOptions({
    queryKey: queryKeys.netWorth(version),
    queryFn: ({ signal }) => request(routes.netWorth, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useNetWorth(version: string) {
  return useQuery(netWorthQuery(version));
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

const firstTransactionsPage: TransactionsPageParam = { cursor: null, limit: TRANSACTIONS_FIRST_PAGE };
function nextTransactionsPage(last: { nextCursor: string | null }): TransactionsPageParam | null {
  return last.nextCursor ? { cursor: last.nextCursor, limit: TRANSACTIONS_PAGE_SIZE } : null;
}
function pageQuery(filters: TransactionFilters, page: TransactionsPageParam) {
  return { ...filtersQuery(filters), limit: page.limit, cursor: page.cursor ?? undefined };
}

/** An account's transactions matching the filters, newest first, in pages. */
export function transactionsQuery(accountId: string, filters: TransactionFilters) {
  return infiniteQueryOptions({
    queryKey: queryKeys.transactions(accountId, filters),
    initialPageParam: firstTransactionsPage,
    getNextPageParam: (last: TransactionsResponse) => nextTransactionsPage(last),
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) =>
      request(routes.accountTransactions, {
        params: { id: accountId },
        query: pageQuery(filters, pageParam),
        signal,
      }),
  });
}

export function useTransactions(accountId: string, filters: TransactionFilters, enabled = true) {
  return useInfiniteQuery({ ...transactionsQuery(accountId, filters), enabled });
}

/** The transactions of all the person's accounts matching the filters, newest first, paged like one account's. */
export function allTransactionsQuery(filters: TransactionFilters) {
  return infiniteQueryOptions({
    queryKey: queryKeys.everyAccountsTransactions(filters),
    initialPageParam: firstTransactionsPage,
    getNextPageParam: (last: AllTransactionsResponse) => nextTransactionsPage(last),
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) =>
      request(routes.allTransactions, { query: pageQuery(filters, pageParam), signal }),
  });
}

export function useAllTransactions(filters: TransactionFilters, enabled = true) {
  return useInfiniteQuery({ ...allTransactionsQuery(filters), enabled });
}
