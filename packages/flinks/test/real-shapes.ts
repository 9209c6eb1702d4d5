/**
 * Answers in the shapes real Flinks sends, one per shape, each named by where it comes from: the captured
 * traffic of the FlinksCapital test institution (2025) and the pages of docs.flinks.com, as FLINKS.md §0 and
 * §3–§5 record them. Identifiers are the fixtures' own; every other field is as the source shows it.
 */
import { ACCOUNT_ID, LOGIN_ID, REQUEST_ID } from './fixtures.ts';

const SECOND_ACCOUNT_ID = 'b7e6b4d5-1f80-4c1b-8d4f-2a7b3c8e9f01';
const MINIMAL_PDF_BASE64 = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');

/** FlinksCapital capture, 2025: the 200 answering SecurityResponses of a session opened with a LoginId. */
export function capturedAuthorize200AfterSecurityResponses() {
  return {
    Links: [
      { rel: 'AccountsDetail', href: '/GetAccountsDetail', example: null },
      { rel: 'AccountsSummary', href: '/GetAccountsSummary', example: null },
      { rel: 'Statements', href: '/GetStatements', example: null },
    ],
    HttpStatusCode: 200,
    Institution: 'FlinksCapital',
    InstitutionName: 'FlinksCapital',
    InstitutionId: 14,
    RequestId: REQUEST_ID,
  };
}

/** FlinksCapital capture, 2025: a 203 (also to a cached Authorize). No `Iterables` key without choices. */
export function capturedAuthorize203() {
  return {
    HttpStatusCode: 203,
    Links: [{ rel: 'Authorization', href: '/Authorize', example: null }],
    SecurityChallenges: [{ Type: 'QuestionAndAnswer', Prompt: 'What shape do people like most?' }],
    InstitutionName: 'FlinksCapital',
    InstitutionId: 14,
    Institution: 'FlinksCapital',
    RequestId: REQUEST_ID,
  };
}

/** FLINKS.md §3 (integrations): the challenge types beyond QuestionAndAnswer, with their choices. */
export function integrationsAuthorize203WithChoices() {
  return {
    ...capturedAuthorize203(),
    SecurityChallenges: [
      { Type: 'MultipleChoice', Prompt: 'Pick a colour', Iterables: ['Red', 'Blue'] },
      { Type: 'MultipleChoiceMultipleAnswers', Prompt: 'Pick two', Iterables: ['A', 'B', 'C'] },
      { Type: 'ImageSelection', Prompt: 'Pick your image', Iterables: ['data:image/png;base64,AAAA'] },
      { Type: 'TextOrCall', Prompt: 'Where should we send the code?', Iterables: ['Text', 'Call'] },
    ],
  };
}

/** FlinksCapital capture, 2025: wrong password and unknown username on /Authorize, 401. */
export function capturedInvalidCredentials(code: 'INVALID_PASSWORD' | 'INVALID_USERNAME') {
  return {
    HttpStatusCode: 401,
    Links: [{ rel: 'Authorization', href: '/Authorize', example: null }],
    Institution: 'FlinksCapital',
    RequestId: REQUEST_ID,
    FlinksCode: code,
    Message: code === 'INVALID_PASSWORD' ? 'The password is invalid' : 'The username is invalid',
  };
}

/** FlinksCapital capture, 2025: GetMFAQuestions / GetNightlyRefreshStatus for a login Flinks does not know. */
export function capturedUnknownLogin400(loginId: string) {
  return {
    HttpStatusCode: 400,
    FlinksCode: 'INVALID_REQUEST',
    Message: `The login '${loginId}' is invalid.`,
  };
}

/**
 * FlinksCapital capture, 2025: GetAccountsSummary. No `Type`, `TransitNumber`, `InstitutionNumber`,
 * `OverdraftLimit` or `Login`; eligibility ratios and `AccountType` per account; top-level Links and
 * institution fields.
 */
export function capturedAccountsSummary200() {
  return {
    HttpStatusCode: 200,
    Accounts: [
      {
        Title: 'Chequing CAD',
        AccountNumber: '1111000',
        LastFourDigits: '1000',
        Balance: { Available: 50012.34, Current: 49912.34, Limit: null },
        Category: 'Operations',
        Currency: 'CAD',
        EftEligibleRatio: 1,
        ETransferEligibleRatio: 0.5,
        AccountType: 'Personal',
        Id: ACCOUNT_ID,
      },
      capturedMaskedCreditCard(),
    ],
    Links: [{ rel: 'AccountsDetail', href: '/GetAccountsDetail', example: null }],
    InstitutionName: 'FlinksCapital',
    InstitutionId: 14,
    Institution: 'FlinksCapital',
    RequestId: REQUEST_ID,
  };
}

/** FlinksCapital capture, 2025: a credit card whose AccountNumber is masked. */
export function capturedMaskedCreditCard() {
  return {
    Title: 'Credit Card',
    AccountNumber: '420024******4242',
    LastFourDigits: '4242',
    Balance: { Available: 4500, Current: 500, Limit: 5000 },
    Category: 'Credits',
    Currency: 'CAD',
    EftEligibleRatio: 0,
    ETransferEligibleRatio: 0,
    AccountType: 'Personal',
    Id: SECOND_ACCOUNT_ID,
  };
}

/** FLINKS.md §0: a 202 whose Links hold the literal placeholder of the docs' template. */
export function capturedPendingWithPlaceholderLinks() {
  return {
    FlinksCode: 'OPERATION_PENDING',
    HttpStatusCode: 202,
    Message: 'Your operation is still processing',
    RequestId: REQUEST_ID,
    Links: [{ rel: '{Endpoint}Async', href: '/{Endpoint}Async/{RequestId}', example: null }],
  };
}

/** docs.flinks.com, GetStatements: 200 with base64 statements per account. */
export function docsStatements200() {
  return {
    HttpStatusCode: 200,
    StatementsByAccount: [
      {
        AccountNumber: '1111000',
        Statements: [{ UniqueId: 'statement-2025-01', FileType: 'PDF', Base64Bytes: MINIMAL_PDF_BASE64 }],
      },
    ],
    Login: {
      Username: 'Greatday',
      IsScheduledRefresh: false,
      LastRefresh: '2025-02-01T10:00:00.1234567',
      Type: 'Personal',
      Id: LOGIN_ID,
    },
    Institution: 'FlinksCapital',
    RequestId: REQUEST_ID,
  };
}

/** FLINKS.md §5 (docs, described in words): logins set for nightly refresh that no longer refresh. */
export function docsNightlyRefreshStatus200() {
  return {
    HttpStatusCode: 200,
    IneligibleCards: [
      {
        LoginId: LOGIN_ID,
        LastRefreshDate: '2025-02-01T03:00:00',
        LastRefreshState: 'Failed',
        LastRefreshErrorCode: 'RETRY_LATER',
      },
    ],
  };
}

/**
 * docs.flinks.com GetNightlyRefreshStatus reference, its example: a login listed with no error code, its
 * nightly refresh stopped at the bank's security question.
 */
export function docsNightlyRefreshStatusAwaitingAnswers200() {
  return {
    HttpStatusCode: 200,
    IneligibleCards: [
      {
        LoginId: LOGIN_ID,
        LastRefreshDate: '2020-06-18T03:26:34.6854364',
        LastRefreshState: 'AnsweringSecurityChallenge',
        LastRefreshErrorCode: null,
      },
    ],
  };
}

/**
 * docs.flinks.com, api/enrich GetCategorization: the example's fields and their spelling (money out `Debit`,
 * money in `credit` in lower case, no `Credit`), with values of our own.
 */
export function docsCategorization200() {
  return {
    HttpStatusCode: 200,
    LoginId: LOGIN_ID,
    RequestId: REQUEST_ID,
    Transactions: [
      {
        TransactionId: 'c0ffee00-0000-4000-8000-000000000001',
        AccountId: ACCOUNT_ID,
        Description: 'INTERAC PURCHASE - CAFE DU COIN MONTREAL QC',
        Category: 'Food and Dining',
        SubCategory: 'Coffee Shops',
        Balance: 1520.4,
        Debit: 4.75,
        Date: '2025-02-03',
      },
      {
        TransactionId: 'c0ffee00-0000-4000-8000-000000000002',
        AccountId: ACCOUNT_ID,
        Description: 'POINT OF SALE - INTERAC MDSE RETURN 000042 QUINCAILLERIE',
        Category: 'Transfers and Adjustments',
        SubCategory: 'Balance Adjustment',
        Balance: 1525.15,
        credit: 31.2,
        Date: '2025-02-02',
      },
    ],
  };
}

/** docs.flinks.com, api/enrich Categories/{CountryCode}: an array of primary categories (values our own). */
export function docsCategoriesCA200() {
  return [
    {
      PrimaryCategoryName: 'Food and Dining',
      Description: 'Eating out and groceries',
      SubCategories: [
        { SubCategoryName: 'Restaurants', Description: 'Sit-down meals' },
        { SubCategoryName: 'Groceries', Description: 'Food bought to cook' },
      ],
    },
    {
      PrimaryCategoryName: 'Income',
      Description: 'Money earned',
      SubCategories: [{ SubCategoryName: 'Paycheck', Description: 'Wages' }],
    },
  ];
}
