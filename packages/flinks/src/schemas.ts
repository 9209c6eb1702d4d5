/**
 * zod schemas of every Flinks request and response body, in Flinks' own PascalCase.
 *
 * Tolerant exactly where Flinks is known to be inconsistent (FLINKS.md §4): fields may be null or absent,
 * `Balance.Limit` may be a number or a numeric string, a transaction may carry both Debit and Credit,
 * `Institution` may be a name or an `{Id, Name}` object, and unknown fields are kept, never rejected.
 * Strict where a wrong value would mislead: an account without an Id, a transaction without an Id or a
 * `YYYY-MM-DD` Date, or an identifier that is not a GUID is an error, never silently dropped.
 *
 * Objects are `looseObject`s: unknown fields pass through untouched, which is both the tolerance Flinks needs
 * and the cheapest way for zod to walk 50,000 transactions (no per-object key filtering).
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------------------
// Shared pieces

/** Flinks identifiers (LoginId, RequestId, account Id). Checked because some are put into URL paths. */
export const FlinksGuid = z.guid();

/** A JSON number, as Flinks sends amounts. Convert with `toMinorUnits`, never do arithmetic on it. */
export const Amount = z.number().nullish();

/** A decimal amount written as a string, e.g. `"1000.00"` (Flinks has sent `Balance.Limit` this way). */
export const NumericString = z.string().regex(/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/, 'Expected a decimal number');

/** An amount that has been seen both as a JSON number and as a numeric string. */
export const LooseAmount = z.union([z.number(), NumericString]).nullish();

/** `YYYY-MM-DD`: a bank's calendar date, no time zone. */
export const FlinksDate = z.iso.date();

export const FlinksLink = z.looseObject({
  rel: z.string().nullish(),
  href: z.string().nullish(),
  example: z.unknown().optional(),
});
export type FlinksLink = z.infer<typeof FlinksLink>;

/** Current payloads name the institution; one old payload sent `{Id, Name}`. */
export const FlinksInstitution = z
  .union([z.string(), z.looseObject({ Id: z.number().nullish(), Name: z.string().nullish() })])
  .nullish();
export type FlinksInstitution = z.infer<typeof FlinksInstitution>;

export const FlinksLogin = z.looseObject({
  Username: z.string().nullish(),
  IsScheduledRefresh: z.boolean().nullish(),
  /** UTC without a `Z`, 6–7 fractional digits, e.g. `2019-05-09T13:47:46.5227901`: see `parseFlinksDateTime`. */
  LastRefresh: z.string().nullish(),
  Type: z.string().nullish(),
  Id: FlinksGuid.nullish(),
});
export type FlinksLogin = z.infer<typeof FlinksLogin>;

/** The body of every Flinks error answer (and of 202 pending answers). */
export const FlinksErrorBody = z.looseObject({
  HttpStatusCode: z.number().nullish(),
  FlinksCode: z.string().nullish(),
  Message: z.string().nullish(),
  RequestId: z.string().nullish(),
  Links: z.array(FlinksLink).nullish(),
  Institution: FlinksInstitution,
});
export type FlinksErrorBody = z.infer<typeof FlinksErrorBody>;

/** 202: `OPERATION_PENDING` or `OPERATION_DISPATCHED` (the latter may carry a partial result, ignored). */
export const PendingResponse = z.looseObject({
  HttpStatusCode: z.number().nullish(),
  FlinksCode: z.string().nullish(),
  Message: z.string().nullish(),
  RequestId: z.string().nullish(),
  Links: z.array(FlinksLink).nullish(),
});
export type PendingResponse = z.infer<typeof PendingResponse>;

// ---------------------------------------------------------------------------------------------------------
// GenerateAuthorizeToken

export const GenerateAuthorizeTokenResponse = z.looseObject({
  HttpStatusCode: z.number().nullish(),
  Token: z.string().min(1),
});
export type GenerateAuthorizeTokenResponse = z.infer<typeof GenerateAuthorizeTokenResponse>;

// ---------------------------------------------------------------------------------------------------------
// Authorize

export const FlinksLanguage = z.enum(['en', 'fr']);
export type FlinksLanguage = z.infer<typeof FlinksLanguage>;

/** MFA answers: keys are the prompts exactly as Flinks asked them, values the answers. */
export const SecurityResponses = z.record(z.string().min(1), z.array(z.string()));
export type SecurityResponses = z.infer<typeof SecurityResponses>;

export const AuthorizeRequest = z
  .object({
    LoginId: FlinksGuid.optional(),
    MostRecentCached: z.boolean().optional(),
    Username: z.string().min(1).optional(),
    Password: z.string().min(1).optional(),
    Institution: z.string().min(1).optional(),
    Language: FlinksLanguage.optional(),
    Save: z.boolean().optional(),
    Tag: z.string().optional(),
    RequestId: FlinksGuid.optional(),
    SecurityResponses: SecurityResponses.optional(),
  })
  .refine(
    (body) =>
      body.LoginId !== undefined ||
      (body.Username !== undefined && body.Password !== undefined && body.Institution !== undefined) ||
      (body.RequestId !== undefined && body.SecurityResponses !== undefined),
    'Expected a LoginId, or Username + Password + Institution, or RequestId + SecurityResponses',
  );
export type AuthorizeRequest = z.infer<typeof AuthorizeRequest>;

/**
 * 200: authorised. `Login.Id` is the LoginId (new, for a direct login). The 200 that answers the
 * SecurityResponses of a session opened with a LoginId carries no `Login` at all (FlinksCapital, 2025): the
 * LoginId is then the one the caller sent.
 */
export const AuthorizeResponse = z.looseObject({
  HttpStatusCode: z.number().nullish(),
  Links: z.array(FlinksLink).nullish(),
  Login: FlinksLogin.extend({ Id: FlinksGuid }).nullish(),
  Institution: FlinksInstitution,
  InstitutionName: z.string().nullish(),
  InstitutionId: z.number().nullish(),
  RequestId: FlinksGuid,
  Tag: z.string().nullish(),
});
export type AuthorizeResponse = z.infer<typeof AuthorizeResponse>;

export const SecurityChallenge = z.looseObject({
  /** `QuestionAndAnswer`, `MultipleChoice`, `MultipleChoiceMultipleAnswers`, `ImageSelection`, `TextOrCall`, … */
  Type: z.string().nullish(),
  /** The key under which the answer must be sent back. */
  Prompt: z.string().min(1),
  /** Choices; real 203s leave the key out when there are none. */
  Iterables: z.array(z.string()).nullish(),
});
export type SecurityChallenge = z.infer<typeof SecurityChallenge>;

/** 203: the bank asks security questions before it authorises (a cached Authorize can answer it too). */
export const AuthorizeMfaResponse = z.looseObject({
  HttpStatusCode: z.number().nullish(),
  RequestId: FlinksGuid,
  Institution: FlinksInstitution,
  InstitutionName: z.string().nullish(),
  InstitutionId: z.number().nullish(),
  Links: z.array(FlinksLink).nullish(),
  SecurityChallenges: z.array(SecurityChallenge).min(1),
});
export type AuthorizeMfaResponse = z.infer<typeof AuthorizeMfaResponse>;

// ---------------------------------------------------------------------------------------------------------
// GetAccountsSummary / GetAccountsDetail (and their Async twins, whose 200 bodies are identical)

export const AccountsSummaryRequest = z.object({ RequestId: FlinksGuid });
export type AccountsSummaryRequest = z.infer<typeof AccountsSummaryRequest>;

export const DaysOfTransactions = z.enum(['Days90', 'Days365']);
export type DaysOfTransactions = z.infer<typeof DaysOfTransactions>;

export const AccountsDetailRequest = z.object({
  RequestId: FlinksGuid,
  WithAccountIdentity: z.boolean().optional(),
  WithKYC: z.boolean().optional(),
  WithTransactions: z.boolean().optional(),
  WithBalance: z.boolean().optional(),
  DaysOfTransactions: DaysOfTransactions.optional(),
  AccountsFilter: z.array(FlinksGuid).optional(),
  WithDetailsAndBankingStatements: z.boolean().optional(),
  NumberOfBankingStatements: z.string().min(1).optional(),
  /** `yyyy-MM-dd`; real clients send them instead of, or besides, DaysOfTransactions. */
  DateFrom: FlinksDate.optional(),
  DateTo: FlinksDate.optional(),
  RefreshDelta: z.boolean().optional(),
});
export type AccountsDetailRequest = z.infer<typeof AccountsDetailRequest>;

/** `Available` = posted + authorised, `Current` = posted. */
export const FlinksBalance = z.looseObject({
  Available: Amount,
  Current: Amount,
  Limit: LooseAmount,
});
export type FlinksBalance = z.infer<typeof FlinksBalance>;

export const FlinksAddress = z.looseObject({
  CivicAddress: z.string().nullish(),
  City: z.string().nullish(),
  Province: z.string().nullish(),
  PostalCode: z.string().nullish(),
  POBox: z.string().nullish(),
  Country: z.string().nullish(),
});
export type FlinksAddress = z.infer<typeof FlinksAddress>;

export const FlinksHolder = z.looseObject({
  Name: z.string().nullish(),
  Address: FlinksAddress.nullish(),
  Email: z.string().nullish(),
  PhoneNumber: z.string().nullish(),
});
export type FlinksHolder = z.infer<typeof FlinksHolder>;

/** Debit and Credit are both nullable and have been seen both set on one transaction: keep both. */
export const FlinksTransaction = z.looseObject({
  Id: z.string().min(1),
  Date: FlinksDate,
  Description: z.string().nullish(),
  Debit: Amount,
  Credit: Amount,
  Balance: Amount,
});
export type FlinksTransaction = z.infer<typeof FlinksTransaction>;

const isOptionalString = (value: unknown) =>
  value === undefined || value === null || typeof value === 'string';
const isOptionalNumber = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'number' && Number.isFinite(value));

/** True only for a transaction FlinksTransaction accepts (the converse need not hold: zod has the last word). */
function isWellFormedTransaction(item: unknown): boolean {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const { Id, Date: date, Description, Debit, Credit, Balance } = item as Record<string, unknown>;
  return (
    typeof Id === 'string' &&
    Id.length > 0 &&
    typeof date === 'string' &&
    z.regexes.date.test(date) &&
    isOptionalString(Description) &&
    isOptionalNumber(Debit) &&
    isOptionalNumber(Credit) &&
    isOptionalNumber(Balance)
  );
}

/**
 * A list of FlinksTransactions, checked in place. A history can hold tens of thousands of transactions, and
 * zod builds a fresh copy of every object it parses (one output object and one result per field): that copy
 * doubled the cost of reading a large answer. Each transaction here passes an allocation-free check of the
 * same rules, and any that does not is parsed by FlinksTransaction itself, which reports the exact issue.
 * The transactions come out as the very objects JSON.parse produced, unknown fields included.
 */
export const FlinksTransactions = z.custom<FlinksTransaction[]>().check((context) => {
  const list: unknown = context.value;
  if (!Array.isArray(list)) {
    context.issues.push({
      code: 'invalid_type',
      expected: 'array',
      input: list,
      message: 'Expected an array',
    });
    return;
  }
  for (let index = 0; index < list.length; index++) {
    const item: unknown = list[index];
    if (isWellFormedTransaction(item)) continue;
    const result = FlinksTransaction.safeParse(item);
    if (result.success) continue;
    for (const issue of result.error.issues) {
      context.issues.push({
        code: 'custom',
        message: issue.message,
        input: item,
        path: [index, ...issue.path],
      });
    }
  }
});

export const FlinksAccount = z.looseObject({
  Id: FlinksGuid,
  Title: z.string().nullish(),
  AccountNumber: z.string().nullish(),
  LastFourDigits: z.string().nullish(),
  TransitNumber: z.string().nullish(),
  InstitutionNumber: z.string().nullish(),
  OverdraftLimit: LooseAmount,
  Balance: FlinksBalance.nullish(),
  /** Operations, Credits, Products, Other. */
  Category: z.string().nullish(),
  /** Chequing, Savings, CreditCard, LineOfCredit, LoanPersonal, RRSP, TFSA, … */
  Type: z.string().nullish(),
  /** Personal, Business, or null. */
  AccountType: z.string().nullish(),
  /** ISO 4217, CAD or USD in practice. */
  Currency: z.string().nullish(),
  Holder: FlinksHolder.nullish(),
  /** Newest first in Flinks' examples; absent from summaries. */
  Transactions: FlinksTransactions.nullish(),
  EftEligibleRatio: z.number().nullish(),
  ETransferEligibleRatio: z.number().nullish(),
});
export type FlinksAccount = z.infer<typeof FlinksAccount>;

export const AccountsDetailResponse = z.looseObject({
  HttpStatusCode: z.number().nullish(),
  Accounts: z.array(FlinksAccount),
  Login: FlinksLogin.nullish(),
  Institution: FlinksInstitution,
  InstitutionName: z.string().nullish(),
  InstitutionId: z.number().nullish(),
  RequestId: FlinksGuid.nullish(),
  Tag: z.string().nullish(),
  Links: z.array(FlinksLink).nullish(),
});
export type AccountsDetailResponse = z.infer<typeof AccountsDetailResponse>;

/**
 * A summary account as FlinksCapital sends it (2025): no `Type`, `TransitNumber`, `InstitutionNumber` or
 * `OverdraftLimit`, but `AccountType` and the eligibility ratios. The detail's account schema accepts it, every
 * one of those fields being optional.
 */
export const AccountsSummaryResponse = z.looseObject({
  HttpStatusCode: z.number().nullish(),
  Accounts: z.array(FlinksAccount),
  /** Absent from real summaries; older examples carried it. */
  Login: FlinksLogin.nullish(),
  Institution: FlinksInstitution,
  InstitutionName: z.string().nullish(),
  InstitutionId: z.number().nullish(),
  RequestId: FlinksGuid.nullish(),
  Links: z.array(FlinksLink).nullish(),
});
export type AccountsSummaryResponse = z.infer<typeof AccountsSummaryResponse>;

// ---------------------------------------------------------------------------------------------------------
// GetStatements (and GetStatementsAsync)

export const NumberOfStatements = z.enum(['MostRecent', 'Months3', 'Months12']);
export type NumberOfStatements = z.infer<typeof NumberOfStatements>;

export const StatementsRequest = z.object({
  RequestId: FlinksGuid,
  NumberOfStatements: NumberOfStatements.optional(),
  AccountsFilter: z.array(FlinksGuid).optional(),
});
export type StatementsRequest = z.infer<typeof StatementsRequest>;

/** One statement file: a PDF in practice, as base64. */
export const FlinksStatement = z.looseObject({
  UniqueId: z.string().nullish(),
  FileType: z.string().nullish(),
  Base64Bytes: z.base64(),
});
export type FlinksStatement = z.infer<typeof FlinksStatement>;

export const StatementsResponse = z.looseObject({
  HttpStatusCode: z.number().nullish(),
  StatementsByAccount: z.array(
    z.looseObject({ AccountNumber: z.string().nullish(), Statements: z.array(FlinksStatement) }),
  ),
  Login: FlinksLogin.nullish(),
  Institution: FlinksInstitution,
  RequestId: FlinksGuid.nullish(),
});
export type StatementsResponse = z.infer<typeof StatementsResponse>;

// ---------------------------------------------------------------------------------------------------------
// MFA questions, scheduled refresh, deletion

export const MfaQuestionsResponse = z.looseObject({
  Message: z.string().nullish(),
  Questions: z.array(z.looseObject({ Question: z.string().min(1) })),
});
export type MfaQuestionsResponse = z.infer<typeof MfaQuestionsResponse>;

/** FLINKS.md documents this body's LoginId key in lower camel case, unlike every other body. */
export const AnswerMfaQuestionsRequest = z.object({
  loginId: FlinksGuid,
  Questions: z.array(z.object({ Question: z.string().min(1), Answer: z.string() })).min(1),
});
export type AnswerMfaQuestionsRequest = z.infer<typeof AnswerMfaQuestionsRequest>;

export const MessageResponse = z.looseObject({ Message: z.string().nullish() });
export type MessageResponse = z.infer<typeof MessageResponse>;

export const SetScheduledRefreshRequest = z.object({ LoginId: FlinksGuid, IsActivated: z.boolean() });
export type SetScheduledRefreshRequest = z.infer<typeof SetScheduledRefreshRequest>;

/** Flinks' public pages describe this answer only in words: a list of the logins that no longer refresh. */
export const NightlyRefreshStatusResponse = z.looseObject({
  HttpStatusCode: z.number().nullish(),
  IneligibleCards: z
    .array(
      z.looseObject({
        LoginId: FlinksGuid.nullish(),
        LastRefreshDate: z.string().nullish(),
        LastRefreshState: z.string().nullish(),
        LastRefreshErrorCode: z.string().nullish(),
      }),
    )
    .nullish(),
});
export type NightlyRefreshStatusResponse = z.infer<typeof NightlyRefreshStatusResponse>;

// ---------------------------------------------------------------------------------------------------------
// Enrich: Broad Categorization (docs: api/enrich, get-categorization and categories)

/** The countries whose taxonomy `/Categories/{CountryCode}` lists. */
export const CategoriesCountry = z.enum(['CA', 'US']);
export type CategoriesCountry = z.infer<typeof CategoriesCountry>;

/**
 * One transaction of a GetCategorization answer. Flinks' example spells money in `credit` (lower case) beside
 * `Debit`; both spellings are read, and `Credit` is what the client hands on.
 */
export const CategorizedTransaction = z
  .looseObject({
    TransactionId: z.string().min(1),
    AccountId: z.string().min(1),
    Description: z.string().nullish(),
    Category: z.string().nullish(),
    SubCategory: z.string().nullish(),
    Balance: Amount,
    Debit: Amount,
    Credit: Amount,
    credit: Amount,
    Date: FlinksDate.nullish(),
  })
  .transform(({ credit, ...transaction }) => ({
    ...transaction,
    Credit: transaction.Credit ?? credit ?? null,
  }));
export type CategorizedTransaction = z.infer<typeof CategorizedTransaction>;

export const CategorizationResponse = z.looseObject({
  HttpStatusCode: z.number().nullish(),
  LoginId: FlinksGuid.nullish(),
  RequestId: FlinksGuid.nullish(),
  Transactions: z.array(CategorizedTransaction),
});
export type CategorizationResponse = z.infer<typeof CategorizationResponse>;

/** `/Categories/{CountryCode}`: an array of primary categories, each with its subcategories. */
export const CategoriesResponse = z.array(
  z.looseObject({
    PrimaryCategoryName: z.string().min(1),
    Description: z.string().nullish(),
    SubCategories: z
      .array(z.looseObject({ SubCategoryName: z.string().min(1), Description: z.string().nullish() }))
      .nullish(),
  }),
);
export type CategoriesResponse = z.infer<typeof CategoriesResponse>;

// ---------------------------------------------------------------------------------------------------------
// Webhooks

/** Flinks POSTs the GetAccountsDetail 200 body plus `ResponseType` when processing completes. */
export const AccountsDetailWebhook = AccountsDetailResponse.extend({
  ResponseType: z.literal('GetAccountsDetail'),
});
export type AccountsDetailWebhook = z.infer<typeof AccountsDetailWebhook>;

export const KycWebhook = z.looseObject({
  ResponseType: z.literal('KYC'),
  RequestId: FlinksGuid.nullish(),
  Login: FlinksLogin.nullish(),
  Holders: z.array(FlinksHolder),
});
export type KycWebhook = z.infer<typeof KycWebhook>;
