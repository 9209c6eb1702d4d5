/**
 * Bodies shaped like the published examples in FLINKS.md (§3, §4, §5, §8), plus builders for odd variants.
 */

import { FlinksError } from '../src/errors.ts';

export const LOGIN_ID = '8b35f6c8-e7b6-41d3-98f8-08d68b7f8d31';
export const REQUEST_ID = '46d5f682-e9dd-46ba-8cf6-3e5eff34f600';
export const ACCOUNT_ID = 'a6f5a3c4-0e7f-4b0a-9c3e-1f6a2b7d8e90';
export const TOKEN = '0d4c5f0e-9d7a-4c57-9e0f-6a1b2c3d4e5f';

/** The login, institution and RequestId fields every authorised answer carries (a fresh copy each time). */
const loginAndInstitution = () => ({
  Login: {
    Username: 'Greatday',
    IsScheduledRefresh: false,
    LastRefresh: '2019-05-09T13:47:46.5227901',
    Type: 'Personal',
    Id: LOGIN_ID,
  },
  Institution: 'FlinksCapital',
  InstitutionName: 'FlinksCapital',
  InstitutionId: 14,
  RequestId: REQUEST_ID,
});

/** The FlinksError a call failed with; anything else fails the test. */
export async function caught(promise: Promise<unknown>): Promise<FlinksError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FlinksError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

export function authorize200() {
  return {
    Links: [
      { rel: 'AccountsDetail', href: '/GetAccountsDetail', example: null },
      { rel: 'AccountsSummary', href: '/GetAccountsSummary', example: null },
    ],
    HttpStatusCode: 200,
    ...loginAndInstitution(),
  };
}

export function authorize203() {
  return {
    HttpStatusCode: 203,
    Links: [{ rel: 'Authorization', href: '/Authorize', example: null }],
    Institution: 'FlinksCapital',
    RequestId: REQUEST_ID,
    SecurityChallenges: [
      { Type: 'QuestionAndAnswer', Prompt: 'What city were you born in?' },
      {
        Type: 'MultipleChoice',
        Prompt: 'What shape do people like most?',
        Iterables: ['Circle', 'Triangle', 'Rectangle'],
      },
    ],
  };
}

export function pending202(code: 'OPERATION_PENDING' | 'OPERATION_DISPATCHED' = 'OPERATION_PENDING') {
  return {
    FlinksCode: code,
    HttpStatusCode: 202,
    Message: 'Your operation is still processing',
    RequestId: REQUEST_ID,
    Links: [{ rel: 'GetAccountsDetailAsync', href: `/GetAccountsDetailAsync/${REQUEST_ID}`, example: null }],
  };
}

export function flinksError(status: number, code: string, message: string) {
  return { HttpStatusCode: status, FlinksCode: code, Message: message, Links: [], RequestId: REQUEST_ID };
}

export function transaction(index: number, overrides: Record<string, unknown> = {}) {
  const debit = index % 3 === 0;
  return {
    Id: `7c3a9a51-0b8d-4c1e-9f5a-${String(index).padStart(12, '0')}`,
    Date: `2024-0${1 + (index % 9)}-${String(1 + (index % 28)).padStart(2, '0')}`,
    Code: null,
    Description: debit ? 'national money' : `PAYROLL - ACME ${index}`,
    Debit: debit ? 12.34 : null,
    Credit: debit ? null : 1500.5,
    Balance: 50000.12 - index,
    ...overrides,
  };
}

export function account(overrides: Record<string, unknown> = {}) {
  return {
    Transactions: [transaction(0), transaction(1), transaction(2)],
    TransitNumber: '77777',
    InstitutionNumber: '777',
    OverdraftLimit: 0,
    Title: 'Chequing CAD',
    AccountNumber: '1111000',
    LastFourDigits: '1000',
    Balance: { Available: 50012.34, Current: 49912.34, Limit: null },
    Category: 'Operations',
    Type: 'Chequing',
    Currency: 'CAD',
    Holder: {
      Name: 'John Doe',
      Address: {
        CivicAddress: '1275 avenue des Canadiens-de-Montréal',
        City: 'Montréal',
        Province: 'QC',
        PostalCode: 'H3B 5E8',
        POBox: null,
        Country: 'CA',
      },
      Email: 'johndoe@example.com',
      PhoneNumber: '(514) 555-0100',
    },
    AccountType: 'Personal',
    Id: ACCOUNT_ID,
    ...overrides,
  };
}

export function accountsDetail200(accounts: unknown[] = [account()]) {
  return {
    HttpStatusCode: 200,
    Accounts: accounts,
    ...loginAndInstitution(),
    Links: [],
  };
}

export function accountsSummary200() {
  const { Transactions: _omitted, ...summaryAccount } = account({
    EftEligibleRatio: 1,
    ETransferEligibleRatio: 0.5,
  });
  return accountsDetail200([summaryAccount]);
}
