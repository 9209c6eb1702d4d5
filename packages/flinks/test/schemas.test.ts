import { describe, expect, it } from 'vitest';
import {
  AccountsDetailResponse,
  AccountsSummaryResponse,
  AuthorizeMfaResponse,
  AuthorizeRequest,
  AuthorizeResponse,
  FlinksAccount,
  FlinksTransaction,
  FlinksTransactions,
  PendingResponse,
} from '../src/schemas.ts';
import {
  account,
  accountsDetail200,
  accountsSummary200,
  authorize200,
  authorize203,
  LOGIN_ID,
  pending202,
  REQUEST_ID,
  transaction,
} from './fixtures.ts';

describe('schemas accept the published example payloads', () => {
  it('Authorize 200, 203 and the 202 pending body', () => {
    expect(AuthorizeResponse.parse(authorize200()).Login?.Id).toBe(LOGIN_ID);
    expect(AuthorizeMfaResponse.parse(authorize203()).SecurityChallenges).toHaveLength(2);
    expect(PendingResponse.parse(pending202('OPERATION_DISPATCHED')).FlinksCode).toBe('OPERATION_DISPATCHED');
  });

  it('GetAccountsDetail and GetAccountsSummary 200', () => {
    const detail = AccountsDetailResponse.parse(accountsDetail200());
    expect(detail.Accounts[0]?.Transactions).toHaveLength(3);
    expect(detail.Accounts[0]?.Holder?.Address?.City).toBe('Montréal');
    const summary = AccountsSummaryResponse.parse(accountsSummary200());
    expect(summary.Accounts[0]?.EftEligibleRatio).toBe(1);
    expect(summary.Accounts[0]?.Transactions).toBeUndefined();
  });
});

describe('schemas tolerate what real Flinks payloads do', () => {
  it('accepts Balance.Limit as a number and as a numeric string', () => {
    const asNumber = FlinksAccount.parse(account({ Balance: { Available: 1, Current: 1, Limit: 1000 } }));
    const asString = FlinksAccount.parse(
      account({ Balance: { Available: 1, Current: 1, Limit: '1000.00' } }),
    );
    expect(asNumber.Balance?.Limit).toBe(1000);
    expect(asString.Balance?.Limit).toBe('1000.00');
  });

  it('keeps a transaction that has both Debit and Credit set', () => {
    const both = FlinksTransaction.parse(transaction(1, { Debit: 5, Credit: 7 }));
    expect([both.Debit, both.Credit]).toEqual([5, 7]);
  });

  it('accepts Institution as a name or as an {Id, Name} object, and payloads without InstitutionName/Id', () => {
    const { InstitutionName: _name, InstitutionId: _id, ...old } = authorize200();
    const withObject = AuthorizeResponse.parse({ ...old, Institution: { Id: 14, Name: 'FlinksCapital' } });
    expect(withObject.Institution).toEqual({ Id: 14, Name: 'FlinksCapital' });
    expect(AuthorizeResponse.parse(old).InstitutionName).toBeUndefined();
  });

  it('accepts null in every optional field', () => {
    const nulls = account({
      Title: null,
      AccountNumber: null,
      LastFourDigits: null,
      TransitNumber: null,
      InstitutionNumber: null,
      OverdraftLimit: null,
      Balance: null,
      Category: null,
      Type: null,
      AccountType: null,
      Currency: null,
      Holder: null,
      Transactions: [
        transaction(0, { Description: null, Debit: null, Credit: null, Balance: null, Code: null }),
      ],
    });
    const parsed = AccountsDetailResponse.parse({
      ...accountsDetail200([nulls]),
      Login: null,
      Institution: null,
    });
    expect(parsed.Accounts[0]?.Balance).toBeNull();
  });

  it('keeps unknown fields instead of rejecting them', () => {
    const parsed = AccountsDetailResponse.parse({
      ...accountsDetail200([account({ NewFlinksField: { nested: true } })]),
      ResponseVersion: 7,
    });
    expect(parsed.ResponseVersion).toBe(7);
    expect(parsed.Accounts[0]?.NewFlinksField).toEqual({ nested: true });
  });
});

describe('schemas reject what would mislead', () => {
  it('a transaction without an Id, with an empty Id, or without a Date', () => {
    const { Id: _id, ...noId } = transaction(0);
    const { Date: _date, ...noDate } = transaction(0);
    expect(FlinksTransaction.safeParse(noId).success).toBe(false);
    expect(FlinksTransaction.safeParse({ ...noId, Id: '' }).success).toBe(false);
    expect(FlinksTransaction.safeParse(noDate).success).toBe(false);
  });

  it('a transaction date that is not YYYY-MM-DD, and an amount that is not a number', () => {
    expect(FlinksTransaction.safeParse(transaction(0, { Date: '05/09/2019' })).success).toBe(false);
    expect(FlinksTransaction.safeParse(transaction(0, { Date: '2019-13-45' })).success).toBe(false);
    expect(FlinksTransaction.safeParse(transaction(0, { Debit: '12,34' })).success).toBe(false);
  });

  it('a Balance.Limit string that is not a number', () => {
    expect(FlinksAccount.safeParse(account({ Balance: { Limit: 'unlimited' } })).success).toBe(false);
  });

  it('an account without an Id, and a detail body without Accounts', () => {
    const { Id: _id, ...noId } = account();
    expect(FlinksAccount.safeParse(noId).success).toBe(false);
    const { Accounts: _accounts, ...noAccounts } = accountsDetail200();
    expect(AccountsDetailResponse.safeParse(noAccounts).success).toBe(false);
  });

  it('points at the failing transaction by path', () => {
    const bad = accountsDetail200([
      account({ Transactions: [transaction(0), transaction(1, { Id: null })] }),
    ]);
    const result = AccountsDetailResponse.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['Accounts', 0, 'Transactions', 1, 'Id']);
  });
});

describe('AuthorizeRequest', () => {
  it('accepts the cached, live, direct and MFA-answer forms', () => {
    expect(AuthorizeRequest.safeParse({ LoginId: LOGIN_ID, MostRecentCached: true }).success).toBe(true);
    expect(AuthorizeRequest.safeParse({ LoginId: LOGIN_ID, MostRecentCached: false }).success).toBe(true);
    const direct = { Username: 'u', Password: 'p', Institution: 'FlinksCapital', Save: true };
    expect(AuthorizeRequest.safeParse(direct).success).toBe(true);
    const answers = {
      RequestId: REQUEST_ID,
      SecurityResponses: { 'What city were you born in?': ['Montreal'] },
    };
    expect(AuthorizeRequest.safeParse(answers).success).toBe(true);
  });

  it('rejects a body that is none of them, and a LoginId that is not a GUID', () => {
    expect(AuthorizeRequest.safeParse({ MostRecentCached: true }).success).toBe(false);
    expect(AuthorizeRequest.safeParse({ LoginId: '../DeleteCard/x', MostRecentCached: true }).success).toBe(
      false,
    );
  });
});

describe('FlinksTransactions (the in-place list check used for large histories)', () => {
  const odd: Record<string, unknown> = {
    'a valid transaction': transaction(0),
    'both Debit and Credit': transaction(1, { Debit: 1, Credit: 2 }),
    'unknown fields': transaction(2, { Category: 'Food', Code: 'X' }),
    'absent optional fields': { Id: 't', Date: '2024-02-29' },
    'no Id': { ...transaction(3), Id: undefined },
    'an empty Id': transaction(4, { Id: '' }),
    'a numeric Id': transaction(5, { Id: 42 }),
    'a null Date': transaction(6, { Date: null }),
    'a date in another format': transaction(7, { Date: '2024/01/02' }),
    'a date that does not exist': transaction(8, { Date: '2023-02-29' }),
    'a date with a time': transaction(9, { Date: '2024-01-02T00:00:00' }),
    'a numeric Description': transaction(10, { Description: 7 }),
    'a Debit written as a string': transaction(11, { Debit: '12.34' }),
    'a Balance that is not finite': transaction(12, { Balance: Number.POSITIVE_INFINITY }),
    'null instead of a transaction': null,
    'an array instead of a transaction': [transaction(13)],
  };

  for (const [name, item] of Object.entries(odd)) {
    it(`agrees with FlinksTransaction on ${name}`, () => {
      const single = FlinksTransaction.safeParse(item);
      const list = FlinksTransactions.safeParse([transaction(99), item]);
      expect(list.success).toBe(single.success);
      expect(list.error?.issues.map((issue) => issue.path)).toEqual(
        single.error?.issues.map((issue) => [1, ...issue.path]),
      );
      expect(list.error?.issues.map((issue) => issue.message)).toEqual(
        single.error?.issues.map((issue) => issue.message),
      );
    });
  }

  it('returns the parsed transactions themselves, unknown fields included', () => {
    const items = [transaction(0, { MerchantName: 'ACME' }), transaction(1)];
    const parsed = FlinksTransactions.parse(items);
    expect(parsed[0]).toBe(items[0]);
    expect(parsed[0]?.MerchantName).toBe('ACME');
  });

  it('rejects a Transactions value that is not an array', () => {
    const result = FlinksAccount.safeParse(account({ Transactions: { 0: transaction(0) } }));
    expect(result.error?.issues[0]?.path).toEqual(['Transactions']);
  });
});
