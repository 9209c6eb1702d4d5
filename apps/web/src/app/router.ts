/**
 * The app's few addresses, on the History API: `/` (accounts), `/connect` (link a bank, or with `?job=` answer
 * a refresh's security question), `/accounts/:id` and `/search` (all accounts' transactions), both with the
 * table's filters `?q=&from=&to=`, `/attention` (what needs the person) and `/spending`
 * (`?month=&currency=&category=`). The server answers every such path with the app.
 */
import type { CategoryKey } from '@passbook/contracts';
import { CATEGORY_KEYS } from '@passbook/contracts/constants';
import { type MouseEvent, useSyncExternalStore } from 'react';
import { type TransactionFilters, transactionsSearchParams } from '../api/transactionFilters.ts';

export interface SpendingView {
  month: string | null;
  currency: string | null;
  category: CategoryKey | null;
}

export type Route =
  | { name: 'dashboard' }
  | { name: 'connect'; jobId: string | null }
  | { name: 'account'; accountId: string }
  | { name: 'search' }
  | ({ name: 'spending' } & SpendingView)
  | { name: 'signIn' }
  | { name: 'security' }
  | { name: 'attention' }
  | { name: 'notFound' };

function parseSpending(search: string): SpendingView {
  const params = new URLSearchParams(search);
  const month = params.get('month');
  const currency = params.get('currency');
  const category = CATEGORY_KEYS.find((key) => key === params.get('category')) ?? null;
  return {
    month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : null,
    currency: currency && /^[A-Z]{3}$/.test(currency) ? currency : null,
    category,
  };
}

export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'dashboard' };
  if (path === '/attention') return { name: 'attention' };
  if (path === '/connect') return { name: 'connect', jobId: new URLSearchParams(search).get('job') };
  if (path === '/search') return { name: 'search' };
  if (path === '/spending') return { name: 'spending', ...parseSpending(search) };
  if (path === '/sign-in') return { name: 'signIn' };
  if (path === '/settings/security') return { name: 'security' };
  const account = /^\/accounts\/([^/]+)$/.exec(path);
  if (account?.[1]) return { name: 'account', accountId: decodeURIComponent(account[1]) };
  return { name: 'notFound' };
}

export const paths = {
  dashboard: () => '/',
  connect: () => '/connect',
  answerMfa: (jobId: string) => `/connect?job=${encodeURIComponent(jobId)}`,
  account: (accountId: string, filters?: TransactionFilters) =>
    withFilters(`/accounts/${encodeURIComponent(accountId)}`, filters),
  search: (filters?: TransactionFilters) => withFilters('/search', filters),
  spending: (view: Partial<SpendingView> = {}) => {
    const params = new URLSearchParams();
    if (view.month) params.set('month', view.month);
    if (view.currency) params.set('currency', view.currency);
    if (view.category) params.set('category', view.category);
    const query = params.toString();
    return query ? `/spending?${query}` : '/spending';
  },
  signIn: () => '/sign-in',
  security: () => '/settings/security',
  attention: () => '/attention',
};

function withFilters(path: string, filters: TransactionFilters | undefined): string {
  const query = filters ? transactionsSearchParams(filters).toString() : '';
  return query ? `${path}?${query}` : path;
}

const NAVIGATE_EVENT = 'passbook:navigate';

let navigated = false;

/** Whether the page changed inside the app since it loaded (then focus moves to the new page's title). */
export function hasNavigated(): boolean {
  return navigated;
}

function subscribe(onChange: () => void): () => void {
  const onPopState = () => {
    navigated = true;
    onChange();
  };
  window.addEventListener('popstate', onPopState);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onPopState);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentLocation = () => `${window.location.pathname}${window.location.search}`;

export function useLocation(): string {
  return useSyncExternalStore(subscribe, currentLocation);
}

export function useRoute(): Route {
  const location = useLocation();
  const url = new URL(location, 'http://app.invalid');
  return parseRoute(url.pathname, url.search);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentLocation()) return;
  navigated = true;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/**
 * Changes query parameters of the current address in place (a null value removes one): a view's setting, such
 * as a chart's range, kept for reload and sharing without a history entry or a scroll to the top.
 */
export function replaceSearchParams(changes: Record<string, string | null>): void {
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  const to = `${url.pathname}${url.search}`;
  if (to === currentLocation()) return;
  window.history.replaceState(window.history.state, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** One query parameter of the current address, or null. */
export function useSearchParam(name: string): string | null {
  const location = useLocation();
  return new URL(location, 'http://app.invalid').searchParams.get(name);
}

/** For `<a href>` links: plain clicks stay in the app; modified clicks (new tab…) keep the browser's way. */
export function followLink(event: MouseEvent<HTMLAnchorElement>, to: string): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(to);
}
