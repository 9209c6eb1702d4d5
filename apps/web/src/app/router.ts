/**
 * The app's few addresses, on the History API: `/` (accounts), `/connect` (link a bank, or with `?job=` answer
 * a refresh's security question) and `/accounts/:id`. The server answers every such path with the app.
 */
import { type MouseEvent, useSyncExternalStore } from 'react';

export type Route =
  | { name: 'dashboard' }
  | { name: 'connect'; jobId: string | null }
  | { name: 'account'; accountId: string }
  | { name: 'signIn' }
  | { name: 'security' }
  | { name: 'notFound' };

export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'dashboard' };
  if (path === '/connect') return { name: 'connect', jobId: new URLSearchParams(search).get('job') };
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
  account: (accountId: string) => `/accounts/${encodeURIComponent(accountId)}`,
  signIn: () => '/sign-in',
  security: () => '/settings/security',
};

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

/** For `<a href>` links: plain clicks stay in the app; modified clicks (new tab…) keep the browser's way. */
export function followLink(event: MouseEvent<HTMLAnchorElement>, to: string): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(to);
}
