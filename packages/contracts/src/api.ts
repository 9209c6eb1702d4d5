/**
 * Passbook's HTTP API: the one definition of every request and response body, imported by the server
 * (validation of what it receives and sends, and the OpenAPI document) and by the web app (as types: the
 * server answers nothing it has not encoded through these schemas).
 *
 * Money is always an integer number of minor units (cents) together with its ISO 4217 currency code.
 */
import { z } from 'zod';
import { CATEGORY_KEYS } from './constants.ts';
import { ApiErrorCode } from './errors.ts';

export const ErrorBody = z
  .object({
    error: z.object({
      code: ApiErrorCode.meta({ description: 'Stable machine-readable code, one of errors.ts' }),
      message: z.string().meta({ description: 'A sentence a person can act on' }),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Identifiers we issue (links, accounts, jobs, transactions) are UUIDs. */
export const Id = z.uuid();

/** A calendar date, `YYYY-MM-DD`, as banks report transaction dates (no time zone). */
export const IsoDate = z.iso.date();
/** An instant, ISO 8601 with offset. */
export const IsoDateTime = z.iso.datetime({ offset: true });

export const Language = z.enum(['en', 'fr']);
export type Language = z.infer<typeof Language>;

// ---------------------------------------------------------------------------------------------------------
// Jobs

/** link: the first retrieval of a new LoginId; refresh: live, asked for by the person; sync: cached, on schedule. */
export const JobKind = z.enum(['link', 'refresh', 'sync']);
export type JobKind = z.infer<typeof JobKind>;

export const JobState = z.enum([
  'queued',
  'authorizing',
  'retrieving',
  'mfa_required',
  'succeeded',
  'failed',
]);
export type JobState = z.infer<typeof JobState>;

/**
 * Where a job is, in the words of what a person waits for: getting ready, signing in at the bank, the bank
 * preparing the data (Async polling), saving what it sent, or the end. `security_question` waits for the person.
 */
export const JobStage = z.enum([
  'starting',
  'signing_in',
  'waiting_for_bank',
  'storing',
  'security_question',
  'finished',
  'stopped',
]);
export type JobStage = z.infer<typeof JobStage>;

/** An event stream's `stage` event: a job of this user reached a stage (today: storing, with its count). */
export const JobStageEvent = z.object({
  jobId: Id,
  stage: JobStage,
  storingTransactions: z.number().int().nonnegative().nullable(),
});
export type JobStageEvent = z.infer<typeof JobStageEvent>;

export const Job = z
  .object({
    id: Id,
    linkId: Id,
    kind: JobKind,
    state: JobState,
    stage: JobStage,
    /** When `stage` is `storing`: how many transactions the bank's answer holds, being saved now. */
    storingTransactions: z.number().int().nonnegative().nullable(),
    /** Calls to Flinks' Async endpoint answered "still pending" so far, in this job. */
    attempts: z.number().int().nonnegative(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    startedAt: IsoDateTime.nullable(),
    finishedAt: IsoDateTime.nullable(),
    /** When `mfa_required`: the Connect URL that resumes the bank's security questions. */
    connectUrl: z.url().nullable(),
    /** When `succeeded`: how many transactions this job stored that were not stored before. */
    newTransactions: z.number().int().nonnegative().nullable(),
    /** When `failed`: the reason. `code` is a FlinksCode or one of ours (e.g. TIMEOUT). */
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof Job>;

// ---------------------------------------------------------------------------------------------------------
// Links and accounts

export const Money = z.number().int().meta({ description: 'Integer minor units (cents) of the currency' });

/**
 * What an account is for: chequing, savings, registered savings (FHSA, TFSA, RRSP…), credit (cards, lines of
 * credit, loans: money owed), investment (an asset), or other.
 */
export const AccountKind = z.enum([
  'chequing',
  'savings',
  'registered_savings',
  'credit',
  'investment',
  'other',
]);
export type AccountKind = z.infer<typeof AccountKind>;

export const Account = z
  .object({
    id: Id,
    linkId: Id,
    title: z.string(),
    /** Flinks' account type, e.g. Chequing, Savings, CreditCard, LineOfCredit. */
    type: z.string(),
    /** Flinks' category: Operations, Credits, Products, Other. */
    category: z.string().nullable(),
    kind: AccountKind,
    currency: z.string().length(3),
    /** Last digits of the account number, never the whole number. */
    mask: z.string().nullable(),
    balance: z.object({
      current: Money.nullable(),
      available: Money.nullable(),
      limit: Money.nullable(),
    }),
    transactionCount: z.number().int().nonnegative(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof Account>;

export const LinkStatus = z.enum([
  /** The first retrieval has not finished yet. */
  'pending',
  /** Data retrieved; refresh works. */
  'active',
  /** The bank needs the user: a refresh is waiting for security answers. */
  'needs_attention',
  /** The last retrieval failed; `lastError` says why. */
  'error',
]);
export type LinkStatus = z.infer<typeof LinkStatus>;

/**
 * Failure codes only the person can resolve (sign in again through Connect, answer the bank's questions, act
 * on the bank's website); any other failure is retried by the next sync on its own.
 */
export const NEEDS_PERSON_CODES: readonly string[] = [
  'INVALID_LOGIN',
  'INVALID_USERNAME',
  'INVALID_PASSWORD',
  'ACCESS_DENIED',
  'DISABLED_LOGIN',
  'NEW_ACCOUNT',
  'UNEXPECTED_MFA',
  'MFA_EXPIRED',
];

export const LinkHealth = z
  .object({
    /** True when only the person can make this link work again (the attention centre lists it). */
    needsYou: z.boolean(),
    /** When the next scheduled sync is due; null when scheduling is off or not set yet. */
    nextSyncAt: IsoDateTime.nullable(),
    /**
     * What is wrong, if anything: `code` is a FlinksCode or ours (MFA_REQUIRED: security questions wait in
     * Connect; BALANCE_MISMATCH: stored transactions do not add up to the bank's balance); `source` says who
     * noticed — the last retrieval, Flinks' nightly refresh of the login, or our balance check. `retryAt`:
     * when Passbook tries again on its own (the next scheduled sync), for a problem that does not need the
     * person; null when only they can fix it or scheduling is off.
     */
    problem: z
      .object({
        code: z.string(),
        source: z.enum(['retrieval', 'nightly_refresh', 'balance_check']),
        retryAt: IsoDateTime.nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'LinkHealth' });
export type LinkHealth = z.infer<typeof LinkHealth>;

export const Link = z
  .object({
    id: Id,
    institution: z.string().meta({ description: 'Display name of the institution' }),
    /** The name the person gave the link, if any. */
    name: z.string().nullable(),
    /** The bank username, masked (`gr•••fa`), to tell two logins at one bank apart; null until known. */
    username: z.string().nullable(),
    status: LinkStatus,
    createdAt: IsoDateTime,
    /** When data was last retrieved successfully from the bank. */
    lastRefreshAt: IsoDateTime.nullable(),
    lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
    /** The job in progress for this link, if any. */
    activeJob: Job.nullable(),
    health: LinkHealth,
    accounts: z.array(Account),
  })
  .meta({ id: 'Link' });
export type Link = z.infer<typeof Link>;

export const CategoryKey = z.enum(CATEGORY_KEYS).meta({ id: 'Category' });
export type CategoryKey = z.infer<typeof CategoryKey>;

/** Categories that are not spending: money earned, and money moved between one's own accounts. */
export const NOT_SPENDING: readonly CategoryKey[] = ['income', 'transfers'];

/** Who decided a transaction's category: the person for this one, a rule of theirs, Flinks, or ours. */
export const CategorySource = z.enum(['manual', 'rule', 'flinks', 'builtin']);
export type CategorySource = z.infer<typeof CategorySource>;

export const Transaction = z
  .object({
    id: Id,
    date: IsoDate,
    description: z.string(),
    /** Money out, positive minor units, or null. */
    debit: Money.nullable(),
    /** Money in, positive minor units, or null. */
    credit: Money.nullable(),
    /** Signed: credit − debit. */
    amount: Money,
    /** Running balance after this transaction, as the bank reported it. */
    balance: Money.nullable(),
    /** The merchant's name as a person reads it ("Couche-Tard"); null until categorised. */
    merchant: z.string().nullable(),
    category: CategoryKey.nullable(),
    categorySource: CategorySource.nullable(),
    /** When this is one half of a transfer between two of the person's accounts: the other account. */
    transferAccountId: Id.nullable(),
  })
  .meta({ id: 'Transaction' });
export type Transaction = z.infer<typeof Transaction>;

export const BalancePoint = z.object({ date: IsoDate, balance: Money });
export type BalancePoint = z.infer<typeof BalancePoint>;

// ---------------------------------------------------------------------------------------------------------
// Requests and responses, route by route

export const HealthResponse = z.object({ status: z.literal('ok'), database: z.literal('ok') });

export const ConnectTokenRequest = z
  .object({
    language: Language.optional(),
    /** The page's theme, for Connect to match it: `dark` asks Connect for its dark look. */
    theme: z.enum(['light', 'dark']).optional(),
    /** Resume the security questions of this job (state `mfa_required`) with a fresh token. */
    jobId: Id.optional(),
    /**
     * Resume the security questions of a first connection, by the RequestId Connect reported when it showed
     * them (the page was reloaded meanwhile). Not with `jobId`, whose job knows its own RequestId.
     */
    requestId: z.guid().optional(),
  })
  .strict()
  .refine((request) => request.jobId === undefined || request.requestId === undefined, {
    message: 'give jobId or requestId, not both',
  });
export type ConnectTokenRequest = z.infer<typeof ConnectTokenRequest>;
export const ConnectTokenResponse = z.object({
  connectUrl: z.url(),
  /** The Connect origin the page must accept messages from. */
  connectOrigin: z.url(),
  expiresAt: IsoDateTime,
});
export type ConnectTokenResponse = z.infer<typeof ConnectTokenResponse>;

export const CreateLinkRequest = z
  .object({
    loginId: z.guid().meta({ description: 'The LoginId from Connect’s REDIRECT event' }),
  })
  .strict();
export type CreateLinkRequest = z.infer<typeof CreateLinkRequest>;
export const CreateLinkResponse = z.object({ link: Link, job: Job });
export type CreateLinkResponse = z.infer<typeof CreateLinkResponse>;

export const LinkParams = z.object({ id: Id }).strict();

export const RenameLinkRequest = z
  .object({
    /** The link's new name; empty or null gives it back its bank's name. */
    name: z
      .string()
      .trim()
      .max(60)
      .refine((name) => !name.includes('\u0000'), 'must not contain NUL characters')
      .nullable(),
  })
  .strict();
export type RenameLinkRequest = z.infer<typeof RenameLinkRequest>;
export const ListLinksResponse = z.object({ links: z.array(Link) });
export type ListLinksResponse = z.infer<typeof ListLinksResponse>;
export const LinkResponse = z.object({ link: Link });
export type LinkResponse = z.infer<typeof LinkResponse>;

export const JobParams = z.object({ id: Id }).strict();
export const JobResponse = z.object({ job: Job });
export type JobResponse = z.infer<typeof JobResponse>;

export const AccountParams = z.object({ id: Id }).strict();

export const TRANSACTIONS_PAGE_MAX = 10_000;
export const TransactionsQuery = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(TRANSACTIONS_PAGE_MAX).default(100),
    q: z.string().max(200).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .strict();
export type TransactionsQuery = z.input<typeof TransactionsQuery>;

/** A day that exists, from 0001-01-01 on: `Date.parse` alone takes 2024-02-31 (as March 2) and year 0. */
export function isCalendarDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date) && !date.startsWith('0000');
}

const withoutNul = (text: string) => !text.includes('\u0000');

/**
 * The transactions routes' query strings: `TransactionsQuery` narrowed to what PostgreSQL takes as a
 * parameter — text without NUL characters, and calendar days from year 1 (an ISO date may say 0000).
 */
export const TransactionsPageQuery = TransactionsQuery.extend({
  q: TransactionsQuery.shape.q.unwrap().refine(withoutNul, 'must not contain NUL characters').optional(),
  from: TransactionsQuery.shape.from
    .unwrap()
    .refine(isCalendarDate, 'must be a day from year 1 on')
    .optional(),
  to: TransactionsQuery.shape.to.unwrap().refine(isCalendarDate, 'must be a day from year 1 on').optional(),
});

export const TransactionsExportQuery = TransactionsPageQuery.omit({ cursor: true, limit: true }).extend({
  /** The language of the header row (and of the file's name). */
  language: Language.optional(),
});
export const TransactionsResponse = z.object({
  transactions: z.array(Transaction),
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** How many transactions match the filters in all. */
  total: z.number().int().nonnegative(),
});
export type TransactionsResponse = z.infer<typeof TransactionsResponse>;

/** A transaction found among all of a person's accounts, with the account it belongs to. */
export const AccountTransaction = Transaction.extend({ accountId: Id });
export type AccountTransaction = z.infer<typeof AccountTransaction>;
export const AllTransactionsResponse = z.object({
  transactions: z.array(AccountTransaction),
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** How many transactions match the filters in all. */
  total: z.number().int().nonnegative(),
});
export type AllTransactionsResponse = z.infer<typeof AllTransactionsResponse>;

export const BalanceHistoryResponse = z.object({
  currency: z.string().length(3),
  /** One closing balance per day that had transactions, oldest first. */
  points: z.array(BalancePoint),
});
export type BalanceHistoryResponse = z.infer<typeof BalanceHistoryResponse>;

/** One of the bank's monthly statements of an account, as Flinks gave it (a PDF, downloaded apart). */
export const Statement = z.object({
  id: Id,
  /** The month it covers, `YYYY-MM`. */
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  sizeBytes: z.number().int().nonnegative(),
});
export type Statement = z.infer<typeof Statement>;

export const StatementsResponse = z.object({
  /** Newest first. */
  statements: z.array(Statement),
});
export type StatementsResponse = z.infer<typeof StatementsResponse>;

export const StatementParams = z.object({ id: Id, statementId: Id }).strict();
/** The language a statement's file is named in. */
export const StatementQuery = z.object({ language: Language.default('en') });
/** Net worth on a day: what is held (investments included) less what is owed on cards, lines and loans. */
export const NetWorthPoint = z.object({ date: IsoDate, assets: Money, owed: Money, net: Money });
export type NetWorthPoint = z.infer<typeof NetWorthPoint>;

export const NetWorthResponse = z.object({
  /** One entry per currency (amounts in different currencies are never added), most accounts first. */
  currencies: z.array(
    z.object({
      currency: z.string().length(3),
      /** From the accounts' current balances. */
      assets: Money,
      owed: Money,
      net: Money,
      /** One point per day a retrieval stored balances, oldest first; an account keeps its last balance. */
      points: z.array(NetWorthPoint),
    }),
  ),
});
export type NetWorthResponse = z.infer<typeof NetWorthResponse>;

/** What Passbook reads from a bank through Flinks. */
export const ConsentScope = z.enum(['accounts', 'balances', 'transactions']);
export const Consent = z
  .object({
    linkId: Id,
    institution: z.string(),
    scopes: z.array(ConsentScope),
    grantedAt: IsoDateTime,
    /** The last time data was retrieved from the bank under this consent. */
    lastFetchedAt: IsoDateTime.nullable(),
    /** When the person stopped sharing (the link was deleted here and at Flinks). */
    revokedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'Consent' });
export type Consent = z.infer<typeof Consent>;
export const ConsentsResponse = z.object({ consents: z.array(Consent) });
export type ConsentsResponse = z.infer<typeof ConsentsResponse>;
