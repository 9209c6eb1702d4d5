/**
 * The API's contract: every route of `routes.ts` with its schemas (params, query, body, one answer per
 * status, errors included) and its documentation. The server registers each route from its entry here, which
 * also makes the OpenAPI document; the web app takes only this module's types (`RouteAnswer`, `RouteBody`…),
 * since the server sends no answer that fails its schema.
 */
import { z } from 'zod';
import { AccountExport } from './account-export.ts';
import {
  AccountParams,
  AllTransactionsResponse,
  BalanceHistoryResponse,
  ConnectTokenRequest,
  ConnectTokenResponse,
  ConsentsResponse,
  CreateLinkRequest,
  CreateLinkResponse,
  ErrorBody,
  HealthResponse,
  JobParams,
  JobResponse,
  LinkParams,
  LinkResponse,
  ListLinksResponse,
  NetWorthResponse,
  RenameLinkRequest,
  StatementParams,
  StatementQuery,
  StatementsResponse,
  TransactionsExportQuery,
  TransactionsPageQuery,
  TransactionsResponse,
} from './api.ts';
import {
  AuditResponse,
  AuthSessionResponse,
  DeleteAccountResponse,
  IdentitiesResponse,
  IdentityParams,
  PasskeyParams,
  PasskeyRegistrationRequest,
  PasskeySignInRequest,
  PasskeysResponse,
  RenamePasskeyRequest,
  RenamePasskeyResponse,
  SessionParams,
  SessionsResponse,
  SignedInResponse,
  SignOutOthersResponse,
  SingleSignOnCallbackQuery,
  SingleSignOnStartResponse,
  WebAuthnOptionsResponse,
} from './auth.ts';
import {
  CategoryRuleParams,
  CategoryRuleResponse,
  CreateCategoryRuleRequest,
  ListCategoryRulesResponse,
  SpendingQuery,
  SpendingResponse,
  SpendingTransactionsQuery,
  SpendingTransactionsResponse,
  TransactionParams,
  TransactionResponse,
  UpdateTransactionRequest,
} from './categories.ts';
import {
  DeletePushSubscriptionRequest,
  NotificationSettings,
  NotificationsResponse,
  SavePushSubscriptionRequest,
} from './notifications.ts';
import {
  DecideRecurringRequest,
  DecideRecurringResponse,
  RecurringParams,
  RecurringQuery,
  RecurringResponse,
} from './recurring.ts';
import { type RouteDefinition, type RouteName, type Routes, routes } from './routes.ts';

/** A file sent as it is (CSV, OFX, PDF): documented by its media type, past the JSON serializer. */
export interface FileAnswer {
  readonly description: string;
  readonly content: Readonly<Record<string, { readonly schema: z.ZodType }>>;
}

export interface RouteSpec {
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Media types of a route that answers a file. */
  readonly produces?: readonly string[];
  /** One answer per status, refusals included. */
  readonly responses: Readonly<Record<number, z.ZodType | FileAnswer>>;
}

export type ContractRoute = RouteDefinition & RouteSpec;

function define<const R extends RouteDefinition, const S extends RouteSpec>(route: R, spec: S): R & S {
  return { ...route, ...spec };
}

/** The refusals a route answers, each in the error shape. */
function refusals<const S extends readonly number[]>(...statuses: S): { [K in S[number]]: typeof ErrorBody } {
  return Object.fromEntries(statuses.map((status) => [status, ErrorBody])) as never;
}

const noContent = (description: string) => z.undefined().meta({ description });
const file = (description: string, mediaType: string): FileAnswer => ({
  description,
  content: { [mediaType]: { schema: z.string() } },
});

const WebhookReceivedResponse = z.object({ received: z.literal(true), duplicate: z.boolean() });
const NotificationSettingsResponse = z.object({ settings: NotificationSettings });

export const contract = {
  health: define(routes.health, {
    summary: 'Liveness, database reachability, and whether it can write',
    description:
      '503 `DATABASE_UNAVAILABLE` when the database cannot be reached; 503 `STORAGE_FULL` while writes fail ' +
      'for lack of disk space, until room comes back.',
    tags: ['health'],
    responses: { 200: HealthResponse, ...refusals(503) },
  }),
  flinksWebhook: define(routes.flinksWebhook, {
    summary: 'Flinks webhook receiver (enabled when FLINKS_WEBHOOK_SECRET is set)',
    description:
      'Signed with Base64(HMAC-SHA256(raw body, secret)) in `X-Flinks-Signature` or ' +
      '`flinks-authenticity-key`. Idempotent per RequestId and ResponseType.',
    tags: ['webhooks'],
    responses: { 200: WebhookReceivedResponse, ...refusals(400, 401, 404, 413, 429, 503) },
  }),

  authSession: define(routes.authSession, {
    summary: 'Who this browser is: nobody yet, an anonymous user, or an account',
    tags: ['auth'],
    responses: { 200: AuthSessionResponse },
  }),
  passkeyRegistrationOptions: define(routes.passkeyRegistrationOptions, {
    summary: 'Options for creating a passkey: for this user (anonymous or account), or a new account',
    tags: ['auth'],
    responses: { 200: WebAuthnOptionsResponse, ...refusals(429) },
  }),
  registerPasskey: define(routes.registerPasskey, {
    summary: 'Store a new passkey; an anonymous user becomes an account with everything it linked',
    description:
      'From an anonymous session or none, the browser is signed in with a new session (the old one ends).',
    tags: ['auth'],
    body: PasskeyRegistrationRequest,
    responses: { 200: SignedInResponse, ...refusals(400, 409, 429) },
  }),
  passkeySignInOptions: define(routes.passkeySignInOptions, {
    summary: 'Options for signing in with a passkey (discoverable: no user name)',
    tags: ['auth'],
    responses: { 200: WebAuthnOptionsResponse, ...refusals(429) },
  }),
  signInWithPasskey: define(routes.signInWithPasskey, {
    summary: 'Sign in with a passkey',
    description:
      'Always a new session; the one the browser came with ends. What an anonymous session had linked ' +
      'becomes the account’s.',
    tags: ['auth'],
    body: PasskeySignInRequest,
    responses: { 200: SignedInResponse, ...refusals(400, 401, 429) },
  }),
  startSingleSignOn: define(routes.startSingleSignOn, {
    summary: 'Begin signing in with the OpenID Connect provider (authorization code, PKCE, state, nonce)',
    description:
      'Answers the provider page to send the browser to, and binds the sign-in to this browser with a ' +
      `cookie sent back only to ${routes.singleSignOnCallback.path}. 404 when no provider is set (OIDC_ISSUER).`,
    tags: ['auth'],
    responses: { 200: SingleSignOnStartResponse, ...refusals(404, 429, 503) },
  }),
  singleSignOnCallback: define(routes.singleSignOnCallback, {
    summary: 'The provider’s redirect back: sign in, create an account, or add the identity to one',
    description:
      'A known identity signs in to its account; a new one creates an account, which keeps what an ' +
      'anonymous session had linked; a flow begun from the security page adds the identity to that ' +
      'account. Always a new session at sign-in. A browser (Accept: text/html) is sent on to the app ' +
      '(303), with `?signInError=<code>` on failure; any other client gets JSON: the user, or the error.',
    tags: ['auth'],
    query: SingleSignOnCallbackQuery,
    responses: {
      200: SignedInResponse,
      303: noContent('On to the app'),
      ...refusals(400, 401, 404, 409, 429, 502, 503),
    },
  }),
  signOut: define(routes.signOut, {
    summary: 'End this browser’s session',
    tags: ['auth'],
    responses: { 204: noContent('Signed out'), ...refusals(429) },
  }),

  connectToken: define(routes.connectToken, {
    summary: 'Mint a single-use authorize token and return the Connect URL that uses it',
    description:
      'With `jobId` of a refresh waiting for security answers (`mfa_required`), the URL resumes that ' +
      'session’s questions with a fresh token; with `requestId` of a first connection’s questions (which ' +
      'Connect reported to the page before a reload), the URL resumes those. The body may be omitted.',
    tags: ['connect'],
    body: ConnectTokenRequest.nullish(),
    responses: { 200: ConnectTokenResponse, ...refusals(400, 404, 409, 429, 502) },
  }),
  createLink: define(routes.createLink, {
    summary: 'Link (or re-link) a LoginId from Connect’s REDIRECT and start retrieving its data',
    description:
      'Idempotent per user and LoginId: the same link comes back, with the job already under way if any. ' +
      'After a refresh asked for security answers (job `mfa_required`), this call resumes that job.',
    tags: ['links'],
    body: CreateLinkRequest,
    responses: { 202: CreateLinkResponse, ...refusals(400, 409, 429) },
  }),
  listLinks: define(routes.listLinks, {
    summary: 'This user’s links with their accounts and balances',
    description:
      'Served from a per-instance cache that database notifications keep current, with an ETag: a request ' +
      'whose If-None-Match names it is answered 304 without a body.',
    tags: ['links'],
    responses: { 200: ListLinksResponse, 304: z.null().describe('Not modified: the ETag still names it') },
  }),
  getLink: define(routes.getLink, {
    summary: 'One link with its accounts',
    tags: ['links'],
    params: LinkParams,
    responses: { 200: LinkResponse, ...refusals(400, 404) },
  }),
  renameLink: define(routes.renameLink, {
    summary: 'Rename a link (its bank name comes back with an empty or null name)',
    tags: ['links'],
    params: LinkParams,
    body: RenameLinkRequest,
    responses: { 200: LinkResponse, ...refusals(400, 404) },
  }),
  deleteLink: define(routes.deleteLink, {
    summary: 'Remove a link and its data, here and at Flinks (DeleteCard)',
    description:
      'A retrieval under way for the link is stopped first. 409 CARD_IN_USE when Flinks still holds its ' +
      'session after a minute.',
    tags: ['links'],
    params: LinkParams,
    responses: { 204: noContent('Removed'), ...refusals(400, 404, 409, 502) },
  }),
  refreshLink: define(routes.refreshLink, {
    summary: 'Start a live refresh with the bank',
    description: 'While a job is unfinished for this link, returns that job instead of starting another.',
    tags: ['links'],
    params: LinkParams,
    responses: { 202: JobResponse, ...refusals(400, 404, 409, 429) },
  }),
  getJob: define(routes.getJob, {
    summary: 'A job’s state',
    description:
      'queued → authorizing → retrieving → succeeded | failed; any job may stop at mfa_required ' +
      `(open \`connectUrl\`, then ${routes.createLink.method} ${routes.createLink.path}) until the user ` +
      'answers the bank’s questions.',
    tags: ['jobs'],
    params: JobParams,
    responses: { 200: JobResponse, ...refusals(400, 404) },
  }),
  events: define(routes.events, {
    summary: 'Server-Sent Events: `changed` whenever this user’s links, accounts or jobs change',
    description:
      'Each `changed` event (also sent on connecting) asks the page to read its links and jobs again; the ' +
      'stream replaces polling while it is open. A `stage` event (JSON: jobId, stage, ' +
      'storingTransactions) tells a job’s stage as it is reached. Without a session there is nothing ' +
      'to tell: 401.',
    tags: ['links'],
    responses: { ...refusals(401) },
  }),

  accountTransactions: define(routes.accountTransactions, {
    summary: 'A page of an account’s transactions, newest first',
    description:
      '`q` searches descriptions (case-insensitive, literal); `from`/`to` bound the date (inclusive). ' +
      'Pass `nextCursor` back as `cursor` for the next, older page.',
    tags: ['accounts'],
    params: AccountParams,
    query: TransactionsPageQuery,
    responses: { 200: TransactionsResponse, ...refusals(400, 404) },
  }),
  allTransactions: define(routes.allTransactions, {
    summary: 'A page of the transactions of all of one’s accounts, newest first',
    description:
      'The same filters and paging as one account’s transactions, over every account of the person; ' +
      'each transaction names its `accountId`. A cursor of one account’s list is not one of this list.',
    tags: ['accounts'],
    query: TransactionsPageQuery,
    responses: { 200: AllTransactionsResponse, ...refusals(400) },
  }),
  transactionsCsv: define(routes.transactionsCsv, {
    summary: 'The account’s transactions matching the filters, as CSV',
    description:
      'Columns: date, description, money out, money in, balance, currency, headed in `language` (en by ' +
      'default), after a UTF-8 byte-order mark. Amounts are decimals. Named after the account and the dates.',
    tags: ['accounts'],
    params: AccountParams,
    query: TransactionsExportQuery,
    produces: ['text/csv'],
    responses: { 200: file('CSV file', 'text/csv'), ...refusals(400, 404) },
  }),
  transactionsOfx: define(routes.transactionsOfx, {
    summary: 'The account’s transactions matching the filters, as OFX 1.0.2',
    description:
      'One statement (a credit card statement for a card, else a bank statement) with every matching ' +
      'transaction, each with FITID set to its id here, which never changes, so importing overlapping ' +
      'files does not duplicate; the current and available balances. Windows-1252 text, as the header ' +
      'says. Named like the CSV export.',
    tags: ['accounts'],
    params: AccountParams,
    query: TransactionsExportQuery,
    produces: ['application/x-ofx'],
    responses: { 200: file('OFX file', 'application/x-ofx'), ...refusals(400, 404) },
  }),
  balanceHistory: define(routes.balanceHistory, {
    summary: 'Daily closing balances of an account, oldest first',
    tags: ['accounts'],
    params: AccountParams,
    responses: { 200: BalanceHistoryResponse, ...refusals(400, 404) },
  }),
  netWorth: define(routes.netWorth, {
    summary: 'Net worth per currency, now and on each day balances were retrieved',
    description:
      'Assets (chequing, savings, registered savings, investments, other) less what is owed on cards, ' +
      'lines of credit and loans, across the person’s accounts, per currency. Each point holds every ' +
      'account at its last balance kept on or before that day.',
    tags: ['accounts'],
    responses: { 200: NetWorthResponse },
  }),
  listStatements: define(routes.listStatements, {
    summary: 'The bank’s monthly statements of an account, newest first',
    tags: ['accounts'],
    params: AccountParams,
    responses: { 200: StatementsResponse, ...refusals(400, 404) },
  }),
  getStatement: define(routes.getStatement, {
    summary: 'One statement, as the PDF the bank issued',
    description:
      'Sent as an attachment named after the account and the month (`language`, en by default, names it), ' +
      'never kept by a shared cache.',
    tags: ['accounts'],
    params: StatementParams,
    query: StatementQuery,
    produces: ['application/pdf'],
    responses: { 200: file('PDF file', 'application/pdf'), ...refusals(400, 404) },
  }),

  updateTransaction: define(routes.updateTransaction, {
    summary: 'Put one transaction in another category',
    description: 'A category set here is the person’s own: no rule and no refresh changes it afterwards.',
    tags: ['categories'],
    params: TransactionParams,
    body: UpdateTransactionRequest,
    responses: { 200: TransactionResponse, ...refusals(400, 404) },
  }),
  listCategoryRules: define(routes.listCategoryRules, {
    summary: 'The person’s category rules',
    tags: ['categories'],
    responses: { 200: ListCategoryRulesResponse },
  }),
  createCategoryRule: define(routes.createCategoryRule, {
    summary: 'Always put transactions matching a text in a category',
    description:
      'Applies at once to every stored transaction whose description or merchant contains `match` (case ' +
      'and accents ignored), except those categorised by hand, and to every transaction stored later. ' +
      'Saving the same match again changes its category.',
    tags: ['categories'],
    body: CreateCategoryRuleRequest,
    responses: { 201: CategoryRuleResponse, ...refusals(400) },
  }),
  deleteCategoryRule: define(routes.deleteCategoryRule, {
    summary: 'Remove a category rule',
    description: 'Transactions it categorised keep their category; new ones are no longer matched by it.',
    tags: ['categories'],
    params: CategoryRuleParams,
    responses: { 204: noContent('Removed'), ...refusals(400, 404) },
  }),
  spending: define(routes.spending, {
    summary: 'Spending per month by category, across all accounts in one currency',
    description:
      'Money out less refunds, per category, for `months` months ending with `month` (the latest month ' +
      'with spending when absent); income and transfers between the person’s own accounts are left out. ' +
      '`currency` defaults to the one of most transactions.',
    tags: ['spending'],
    query: SpendingQuery,
    responses: { 200: SpendingResponse, ...refusals(400) },
  }),
  spendingTransactions: define(routes.spendingTransactions, {
    summary: 'The transactions behind one category’s spending in one month',
    tags: ['spending'],
    query: SpendingTransactionsQuery,
    responses: { 200: SpendingTransactionsResponse, ...refusals(400) },
  }),
  listRecurring: define(routes.listRecurring, {
    summary: 'Subscriptions, bills and income that repeat, with their next expected date and amount',
    description:
      'Found in the stored history on each read (same merchant, near-same amount, regular interval; a ' +
      'missed or moved occurrence tolerated). Dismissed ones are left out unless `dismissed=include`.',
    tags: ['recurring'],
    query: RecurringQuery,
    responses: { 200: RecurringResponse, ...refusals(400) },
  }),
  decideRecurring: define(routes.decideRecurring, {
    summary: 'Confirm a recurring payment, or dismiss it for good',
    tags: ['recurring'],
    params: RecurringParams,
    body: DecideRecurringRequest,
    responses: { 200: DecideRecurringResponse, ...refusals(400, 404) },
  }),
  listConsents: define(routes.listConsents, {
    summary: 'The record of consent per link: when it was given, what Passbook reads, when it was withdrawn',
    description: `Stop sharing with \`${routes.deleteLink.method} ${routes.deleteLink.path}\`: DeleteCard at Flinks, then the data here, at once.`,
    tags: ['consents'],
    responses: { 200: ConsentsResponse },
  }),

  listSessions: define(routes.listSessions, {
    summary: 'This person’s live sessions, most recently seen first',
    tags: ['account'],
    responses: { 200: SessionsResponse },
  }),
  endSession: define(routes.endSession, {
    summary: 'End one session (this browser’s own included)',
    tags: ['account'],
    params: SessionParams,
    responses: { 204: noContent('Done'), ...refusals(400, 404, 429) },
  }),
  signOutOthers: define(routes.signOutOthers, {
    summary: 'End every session but this one',
    tags: ['account'],
    responses: { 200: SignOutOthersResponse, ...refusals(429) },
  }),
  listPasskeys: define(routes.listPasskeys, {
    summary: 'This account’s passkeys',
    tags: ['account'],
    responses: { 200: PasskeysResponse },
  }),
  renamePasskey: define(routes.renamePasskey, {
    summary: 'Rename a passkey',
    tags: ['account'],
    params: PasskeyParams,
    body: RenamePasskeyRequest,
    responses: { 200: RenamePasskeyResponse, ...refusals(400, 404, 429) },
  }),
  removePasskey: define(routes.removePasskey, {
    summary: 'Forget a passkey (refused for the last one)',
    tags: ['account'],
    params: PasskeyParams,
    responses: { 204: noContent('Done'), ...refusals(400, 404, 409, 429) },
  }),
  listIdentities: define(routes.listIdentities, {
    summary: 'The single sign-on identities that sign in to this account',
    tags: ['account'],
    responses: { 200: IdentitiesResponse },
  }),
  startAttachIdentity: define(routes.startAttachIdentity, {
    summary: 'Begin adding the OpenID Connect identity to this account (an account only)',
    description: `As ${routes.startSingleSignOn.path}, but the provider’s answer adds the identity to the signed-in account.`,
    tags: ['account'],
    responses: { 200: SingleSignOnStartResponse, ...refusals(401, 404, 429, 503) },
  }),
  removeIdentity: define(routes.removeIdentity, {
    summary: 'Stop signing in with a single sign-on identity (refused for the last way in)',
    tags: ['account'],
    params: IdentityParams,
    responses: { 204: noContent('Done'), ...refusals(400, 404, 409, 429) },
  }),
  exportAccount: define(routes.exportAccount, {
    summary:
      'Everything Passbook holds for this person: links, accounts, transactions, statements, notifications, as JSON',
    description:
      `Each account’s transactions are also available as CSV at ${routes.transactionsCsv.path}; ` +
      'each statement names the address its PDF is downloaded from.',
    tags: ['account'],
    responses: { 200: AccountExport, ...refusals(429) },
  }),
  deleteAccount: define(routes.deleteAccount, {
    summary: 'Delete the account: every link at Flinks (DeleteCard) and here, sessions, passkeys',
    description:
      'A failure half-way (Flinks refusing a link) answers with its error and keeps the deletion asked: ' +
      'the next call finishes it. The answer names what was removed.',
    tags: ['account'],
    responses: { 200: DeleteAccountResponse, ...refusals(409, 429, 502) },
  }),
  audit: define(routes.audit, {
    summary: 'Security events of this account, newest first',
    tags: ['account'],
    responses: { 200: AuditResponse },
  }),

  notifications: define(routes.notifications, {
    summary: 'Whether this server can push, its VAPID public key, and what this person asked to be told',
    tags: ['notifications'],
    responses: { 200: NotificationsResponse },
  }),
  saveNotificationSettings: define(routes.saveNotificationSettings, {
    summary: 'What to be told: a link that needs you, new transactions from an amount (minor units) up',
    tags: ['notifications'],
    body: NotificationSettings,
    responses: { 200: NotificationSettingsResponse, ...refusals(400) },
  }),
  savePushSubscription: define(routes.savePushSubscription, {
    summary:
      'This device’s push subscription (kept sealed), in the language its notifications are written in',
    description:
      'The endpoint must be an https URL; a device already subscribed is this person’s from now on.',
    tags: ['notifications'],
    body: SavePushSubscriptionRequest,
    responses: { 204: z.null(), ...refusals(400, 409) },
  }),
  deletePushSubscription: define(routes.deletePushSubscription, {
    summary: 'Stop pushing to this device',
    tags: ['notifications'],
    body: DeletePushSubscriptionRequest,
    responses: { 204: z.null(), ...refusals(400) },
  }),
} as const satisfies { readonly [K in RouteName]: Routes[K] & RouteSpec };

export type Contract = typeof contract;

type Input<T> = T extends z.ZodType ? z.input<T> : undefined;
type SuccessStatus = 200 | 201 | 202 | 204;

/** The path parameters a route takes, as the browser writes them. */
export type RouteParams<K extends RouteName> = Contract[K] extends { params: infer P } ? Input<P> : undefined;
/** The query a route takes, before the server's defaults and coercions. */
export type RouteQuery<K extends RouteName> = Contract[K] extends { query: infer Q } ? Input<Q> : undefined;
/** The body a route takes, before the server's defaults and coercions. */
export type RouteBody<K extends RouteName> = Contract[K] extends { body: infer B } ? Input<B> : undefined;
/** What a route answers when it succeeds (a 2xx); an answer without a body (204) is undefined. */
export type RouteAnswer<K extends RouteName> = {
  [S in keyof Contract[K]['responses'] & SuccessStatus]: S extends 204
    ? undefined
    : Contract[K]['responses'][S] extends z.ZodType
      ? z.output<Contract[K]['responses'][S]>
      : unknown;
}[keyof Contract[K]['responses'] & SuccessStatus];
