/**
 * Every route of Passbook's HTTP API, by name: its method and its path (Fastify's `:param` style). Plain data
 * without zod, so that the web app builds its requests from it at run time; `contract.ts` gives each route
 * its schemas, documentation and statuses, and the server registers each route from there.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: `/api/${string}`;
}

export const routes = {
  // Routes that answer for nobody in particular
  health: { method: 'GET', path: '/api/health' },
  flinksWebhook: { method: 'POST', path: '/api/webhooks/flinks' },

  // Signing in and out
  authSession: { method: 'GET', path: '/api/auth/session' },
  passkeyRegistrationOptions: { method: 'POST', path: '/api/auth/passkeys/registration/options' },
  registerPasskey: { method: 'POST', path: '/api/auth/passkeys/registration' },
  passkeySignInOptions: { method: 'POST', path: '/api/auth/passkeys/sign-in/options' },
  signInWithPasskey: { method: 'POST', path: '/api/auth/passkeys/sign-in' },
  startSingleSignOn: { method: 'POST', path: '/api/auth/oidc/start' },
  singleSignOnCallback: { method: 'GET', path: '/api/auth/oidc/callback' },
  signOut: { method: 'POST', path: '/api/auth/sign-out' },

  // Connecting a bank, links and their jobs
  connectToken: { method: 'POST', path: '/api/connect/token' },
  createLink: { method: 'POST', path: '/api/links' },
  listLinks: { method: 'GET', path: '/api/links' },
  getLink: { method: 'GET', path: '/api/links/:id' },
  renameLink: { method: 'PATCH', path: '/api/links/:id' },
  deleteLink: { method: 'DELETE', path: '/api/links/:id' },
  refreshLink: { method: 'POST', path: '/api/links/:id/refresh' },
  getJob: { method: 'GET', path: '/api/jobs/:id' },
  events: { method: 'GET', path: '/api/events' },

  // Accounts, their transactions, balances and statements
  accountTransactions: { method: 'GET', path: '/api/accounts/:id/transactions' },
  allTransactions: { method: 'GET', path: '/api/transactions' },
  transactionsCsv: { method: 'GET', path: '/api/accounts/:id/transactions.csv' },
  transactionsOfx: { method: 'GET', path: '/api/accounts/:id/transactions.ofx' },
  balanceHistory: { method: 'GET', path: '/api/accounts/:id/balances' },
  netWorth: { method: 'GET', path: '/api/net-worth' },
  listStatements: { method: 'GET', path: '/api/accounts/:id/statements' },
  getStatement: { method: 'GET', path: '/api/accounts/:id/statements/:statementId' },

  // What the money did
  updateTransaction: { method: 'PATCH', path: '/api/transactions/:id' },
  listCategoryRules: { method: 'GET', path: '/api/category-rules' },
  createCategoryRule: { method: 'POST', path: '/api/category-rules' },
  deleteCategoryRule: { method: 'DELETE', path: '/api/category-rules/:id' },
  spending: { method: 'GET', path: '/api/spending' },
  spendingTransactions: { method: 'GET', path: '/api/spending/transactions' },
  listRecurring: { method: 'GET', path: '/api/recurring' },
  decideRecurring: { method: 'PUT', path: '/api/recurring/:id' },
  listConsents: { method: 'GET', path: '/api/consents' },

  // The person's own account
  listSessions: { method: 'GET', path: '/api/account/sessions' },
  endSession: { method: 'DELETE', path: '/api/account/sessions/:id' },
  signOutOthers: { method: 'POST', path: '/api/account/sessions/sign-out-others' },
  listPasskeys: { method: 'GET', path: '/api/account/passkeys' },
  renamePasskey: { method: 'PATCH', path: '/api/account/passkeys/:id' },
  removePasskey: { method: 'DELETE', path: '/api/account/passkeys/:id' },
  listIdentities: { method: 'GET', path: '/api/account/identities' },
  startAttachIdentity: { method: 'POST', path: '/api/account/identities/oidc' },
  removeIdentity: { method: 'DELETE', path: '/api/account/identities/:id' },
  exportAccount: { method: 'GET', path: '/api/account/export' },
  deleteAccount: { method: 'POST', path: '/api/account/delete' },
  audit: { method: 'GET', path: '/api/account/audit' },

  // Notifications
  notifications: { method: 'GET', path: '/api/notifications' },
  saveNotificationSettings: { method: 'PUT', path: '/api/notifications/settings' },
  savePushSubscription: { method: 'PUT', path: '/api/notifications/subscription' },
  deletePushSubscription: { method: 'DELETE', path: '/api/notifications/subscription' },
} as const satisfies Record<string, RouteDefinition>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
/** The name of the route whose definition is `R` (method and path together name one route). */
export type RouteNameOf<R extends RouteDefinition> = {
  [K in RouteName]: Routes[K] extends R ? (R extends Routes[K] ? K : never) : never;
}[RouteName];

/** The names of a path's parameters: `/api/accounts/:id/statements/:statementId` → `id` | `statementId`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/**
 * A route's path with its parameters put in, each encoded as one path segment. A parameter left out is an
 * error rather than a request to `/api/jobs/undefined`.
 */
export function routePath(route: RouteDefinition, params: Readonly<Record<string, string>> = {}): string {
  return route.path.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`${route.path} needs its ${name}`);
    return encodeURIComponent(value);
  });
}

export type QueryValue = string | number | boolean | null | undefined;

/** A query string from an object, without its `?`: absent (undefined or null) values are left out. */
export function queryString(query: Readonly<Record<string, QueryValue>> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) search.set(name, String(value));
  }
  return search.toString();
}

/** A route's address: its path with `params` put in, then `query` when it has any. */
export function routeUrl(
  route: RouteDefinition,
  params?: Readonly<Record<string, string>>,
  query?: Readonly<Record<string, QueryValue>>,
): string {
  const path = routePath(route, params);
  const search = queryString(query);
  return search === '' ? path : `${path}?${search}`;
}
