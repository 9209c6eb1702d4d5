/**
 * The app's addresses, as a TanStack Router route tree: `/` (accounts, `?currency=&range=`), `/connect` (link a
 * bank, or with `?job=` answer a refresh's security question), `/accounts/$accountId` (`?q=&from=&to=&range=`)
 * and `/search` (all accounts' transactions, `?q=&from=&to=`), `/attention` (what needs the person),
 * `/spending` (`?month=&currency=&category=`), `/sign-in` and `/settings/security` (`?signInError=` after a
 * failed single sign-on). Each route validates its own query parameters beside it with a plain function, so
 * that what a page reads from the address is typed and never malformed. The server answers every such path
 * with the app.
 */
import type { CategoryKey } from '@passbook/contracts';
import { CATEGORY_KEYS } from '@passbook/contracts/constants';
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  type RouterHistory,
} from '@tanstack/react-router';
import { lazy } from 'react';
import {
  allTransactionsQuery,
  balanceHistoryQuery,
  linksQuery,
  statementsQuery,
  transactionsQuery,
} from '../api/queries.ts';
import type { TransactionFilters } from '../api/transactionFilters.ts';
import { KeepDataInvite } from '../auth/KeepDataInvite.tsx';
import { authSessionQuery } from '../auth/queries.ts';
import { CHART_RANGES, type ChartRange } from '../charts/ranges.ts';
import { Dashboard } from '../links/Dashboard.tsx';
import { Loading } from '../ui/Loading.tsx';
import { markNavigated } from './navigation.ts';
import { NotFound, Shell } from './Shell.tsx';

// Every page but the accounts page is a chunk of its own, loaded when it is visited: the first page loads only
// what it shows. The pages with a transactions table have their chunk (and the table's, which it imports)
// requested by their route's loader, beside their data, rather than once the shell has rendered them: a lazy
// component asks for its chunk only when it renders, which waits for the session.
const loadAccountPage = () => import('../accounts/AccountPage.tsx');
const loadSearchPage = () => import('../search/SearchPage.tsx');
const AccountPage = lazy(loadAccountPage);
const SpendingPage = lazy(() => import('../spending/SpendingPage.tsx'));
const AttentionPage = lazy(() =>
  import('../sync/AttentionPage.tsx').then((m) => ({ default: m.AttentionPage })),
);
const ConnectView = lazy(() =>
  import('../connect/ConnectView.tsx').then((m) => ({ default: m.ConnectView })),
);
const SignInPage = lazy(() => import('../auth/SignInPage.tsx').then((m) => ({ default: m.SignInPage })));
const SecurityPage = lazy(() =>
  import('../auth/SecurityPage.tsx').then((m) => ({ default: m.SecurityPage })),
);
const SearchPage = lazy(loadSearchPage);

/**
 * What every route's loader may use, given once to the router. A loader starts the requests its page will make
 * (the same `queryOptions` the page's hooks use, so they find them in the cache), without waiting for them:
 * they run while the page's chunk downloads, and the page shows its own loading and error states.
 */
export interface RouterContext {
  queryClient: QueryClient;
}

// ---------------------------------------------------------------------------------------------------------
// The query parameters: what each page reads from the address, anything malformed left out.

type Raw = Record<string, unknown>;

/** The filters as the table reads them from the address: absent is empty. */
const tableFilters = (search: FilterSearch): TransactionFilters => ({
  q: search.q ?? '',
  from: search.from ?? '',
  to: search.to ?? '',
});

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = (value: unknown): string | undefined =>
  typeof value === 'string' && CALENDAR_DATE.test(value) ? value : undefined;

const chartRange = (value: unknown): ChartRange | undefined => CHART_RANGES.find((range) => range === value);

const currencyCode = (value: unknown): string | undefined =>
  typeof value === 'string' && /^[A-Z]{3}$/.test(value) ? value : undefined;

export interface FilterSearch {
  q?: string;
  from?: string;
  to?: string;
}

/** The transactions table's filters (`?q=&from=&to=`): the search cut at 200 characters, dates as `YYYY-MM-DD`. */
export function validateFilterSearch(raw: Raw): FilterSearch {
  return { q: text(raw.q)?.slice(0, 200), from: date(raw.from), to: date(raw.to) };
}

export interface ChartSearch {
  range?: ChartRange;
}

export function validateDashboardSearch(raw: Raw): ChartSearch & { currency?: string } {
  return { range: chartRange(raw.range), currency: currencyCode(raw.currency) };
}

export function validateAccountSearch(raw: Raw): FilterSearch & ChartSearch {
  return { ...validateFilterSearch(raw), range: chartRange(raw.range) };
}

export function validateConnectSearch(raw: Raw): { job?: string } {
  return { job: text(raw.job) };
}

export interface SpendingSearch {
  month?: string;
  currency?: string;
  category?: CategoryKey;
}

export function validateSpendingSearch(raw: Raw): SpendingSearch {
  const month = text(raw.month);
  return {
    month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : undefined,
    currency: currencyCode(raw.currency),
    category: CATEGORY_KEYS.find((key) => key === raw.category),
  };
}

/** A single sign-on that failed comes back to the sign-in or security page with the error's code. */
export function validateSignInSearch(raw: Raw): { signInError?: string } {
  return { signInError: text(raw.signInError) };
}

/**
 * Query strings as plain `name=value` pairs, read and written with URLSearchParams: the router's default
 * would read `?q=123` as a number and write a search for "123" as `?q=%22123%22`. Empty values are left out.
 */
export function parseSearch(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) {
    if (typeof value === 'string' && value !== '') params.set(name, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

// ---------------------------------------------------------------------------------------------------------
// The route tree

/** The pages that show the person's banks and accounts start reading them while their chunk downloads. */
function prefetchLinks(queryClient: RouterContext['queryClient']): void {
  void queryClient.prefetchQuery(linksQuery());
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  // Every page waits for the session (AuthGate): it is asked for first, ahead of the page's own data, which
  // the server may take longer to answer.
  loader: ({ context }) => void context.queryClient.prefetchQuery(authSessionQuery()),
  component: Shell,
  notFoundComponent: NotFound,
});

const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  validateSearch: validateDashboardSearch,
  loader: ({ context }) => prefetchLinks(context.queryClient),
  component: DashboardRoute,
});

function DashboardRoute() {
  return (
    <>
      <KeepDataInvite />
      <Dashboard />
    </>
  );
}

const connectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/connect',
  validateSearch: validateConnectSearch,
  component: ConnectRoute,
});

function ConnectRoute() {
  const { job } = connectRoute.useSearch();
  return <ConnectView key={job ?? 'new'} jobId={job ?? null} />;
}

const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/accounts/$accountId',
  validateSearch: validateAccountSearch,
  loaderDeps: ({ search }) => tableFilters(search),
  loader: ({ context: { queryClient }, params: { accountId }, deps }) => {
    void loadAccountPage();
    prefetchLinks(queryClient);
    void queryClient.prefetchInfiniteQuery(transactionsQuery(accountId, deps));
    void queryClient.prefetchQuery(balanceHistoryQuery(accountId));
    void queryClient.prefetchQuery(statementsQuery(accountId));
  },
  component: AccountRoute,
});

function AccountRoute() {
  const { accountId } = accountRoute.useParams();
  return <AccountPage key={accountId} accountId={accountId} />;
}

const searchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/search',
  validateSearch: validateFilterSearch,
  loaderDeps: ({ search }) => tableFilters(search),
  loader: ({ context: { queryClient }, deps }) => {
    void loadSearchPage();
    prefetchLinks(queryClient);
    void queryClient.prefetchInfiniteQuery(allTransactionsQuery(deps));
  },
  component: SearchPage,
});

const attentionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/attention',
  loader: ({ context }) => prefetchLinks(context.queryClient),
  component: AttentionPage,
});

const spendingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/spending',
  validateSearch: validateSpendingSearch,
  component: SpendingRoute,
});

function SpendingRoute() {
  const view = spendingRoute.useSearch();
  return (
    <SpendingPage
      view={{ month: view.month ?? null, currency: view.currency ?? null, category: view.category ?? null }}
    />
  );
}

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: validateSignInSearch,
  component: SignInPage,
});

const securityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings/security',
  validateSearch: validateSignInSearch,
  // An anonymous user is asked to sign in instead (AuthGate).
  staticData: { accountsOnly: true },
  component: SecurityPage,
});

export const routeTree = rootRoute.addChildren([
  dashboardRoute,
  connectRoute,
  accountRoute,
  searchRoute,
  attentionRoute,
  spendingRoute,
  signInRoute,
  securityRoute,
]);

// ---------------------------------------------------------------------------------------------------------

export function createAppRouter({ queryClient, history }: RouterContext & { history?: RouterHistory }) {
  const router = createRouter({
    routeTree,
    history,
    context: { queryClient },
    parseSearch,
    stringifySearch,
    // A page waiting for its chunk (or, later, its loader) says it is loading, in the page's place.
    defaultPendingComponent: Loading,
    // A new page starts at the top; back and forward find the place the person left.
    scrollRestoration: true,
  });
  router.subscribe('onBeforeNavigate', (event) => {
    if (event.fromLocation && event.hrefChanged) markNavigated();
  });
  return router;
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
  interface StaticDataRouteOption {
    /** The page is an account's alone: anyone without one is asked to sign in. */
    accountsOnly?: boolean;
  }
}
