/**
 * The JSON bodies of the data endpoints, in Flinks' field names and order, cached per login and options: the
 * large test user's 50,000 transactions are generated and serialised once, then every answer is a string join.
 */

import { LruCache } from '../generator/cache.ts';
import { type Day, formatDay, formatLastRefresh } from '../generator/calendar.ts';
import { type Account, generateLoginData, type LoginData } from '../generator/generate.ts';
import { Random } from '../generator/random.ts';
import { FLINKS_CAPITAL } from './institution.ts';
import type { DetailOptions, Login } from './store.ts';
import { broadCategoryOf } from './taxonomy.ts';

export type DataKind = 'detail' | 'summary';

const money = (cents: number | null): number | null => (cents === null ? null : cents / 100);

/** The `Login` object of Authorize and data answers. */
export function loginJson(login: Login, epoch = login.refreshTimes.length) {
  const index = Math.max(1, Math.min(epoch, login.refreshTimes.length)) - 1;
  const lastRefresh = login.refreshTimes[index] ?? login.refreshTimes[0] ?? 0;
  return {
    Username: login.username,
    IsScheduledRefresh: login.isScheduledRefresh,
    LastRefresh: formatLastRefresh(lastRefresh, new Random(`${login.id}#${index}`).int(0, 9_999)),
    Type: 'Personal',
    Id: login.id,
  };
}

function accountJson(account: Account, kind: DataKind, options: DetailOptions, cutoff: Day, last: Day) {
  const transactions = [];
  if (kind === 'detail' && options.withTransactions) {
    const all = account.transactions;
    for (let i = all.length - 1; i >= 0; i--) {
      const t = all[i] as (typeof all)[number];
      if (t.day < cutoff) break;
      if (t.day > last) continue;
      transactions.push({
        Date: formatDay(t.day),
        Code: null,
        Description: t.description,
        Debit: money(t.debit),
        Credit: money(t.credit),
        Balance: money(t.balance),
        Id: t.id,
      });
    }
  }
  const identity = options.withAccountIdentity;
  const limit = money(account.limit);
  // A summary account, as FlinksCapital sends it, has no Type, TransitNumber, InstitutionNumber or OverdraftLimit.
  const detailOnly =
    kind === 'detail'
      ? {
          Transactions: transactions,
          TransitNumber: identity ? account.transitNumber : null,
          InstitutionNumber: identity ? account.institutionNumber : null,
          OverdraftLimit: money(account.overdraftLimit),
        }
      : {};
  return {
    ...detailOnly,
    Title: account.title,
    AccountNumber: identity ? account.accountNumber : null,
    LastFourDigits: account.lastFourDigits,
    Balance: options.withBalance
      ? {
          Available: money(account.available),
          Current: money(account.current),
          Limit: account.limitAsString && limit !== null ? String(limit) : limit,
        }
      : { Available: null, Current: null, Limit: null },
    Category: account.category,
    ...(kind === 'detail' ? { Type: account.type } : {}),
    Currency: account.currency,
    Holder: {
      Name: account.holder.name,
      Address: {
        CivicAddress: account.holder.civicAddress,
        City: account.holder.city,
        Province: account.holder.province,
        PostalCode: account.holder.postalCode,
        POBox: account.holder.poBox,
        Country: account.holder.country,
      },
      Email: account.holder.email,
      PhoneNumber: account.holder.phoneNumber,
    },
    AccountType: account.accountType,
    Id: account.id,
    ...(kind === 'summary'
      ? { EftEligibleRatio: account.eftEligibleRatio, ETransferEligibleRatio: account.eTransferEligibleRatio }
      : {}),
  };
}

function windowDays(options: DetailOptions): number {
  return options.days === 'Days365' ? 365 : 90;
}

export class Bodies {
  /** Weighted by transactions: about 200 bytes each. */
  private readonly data = new LruCache<string, LoginData>(600_000, (data) =>
    data.accounts.reduce((sum, account) => sum + account.transactions.length, 1),
  );
  /** Weighted by characters. */
  private readonly accounts = new LruCache<string, string>(64_000_000, (json) => json.length);

  loginData(login: Login, epoch: number): LoginData {
    const key = `${login.id}:${epoch}`;
    let data = this.data.get(key);
    if (!data) {
      data = generateLoginData({
        loginId: login.dataSeed,
        profile: login.user.profile,
        refreshTimes: login.refreshTimes.slice(0, Math.max(1, epoch)),
      });
      this.data.set(key, data);
    }
    return data;
  }

  /** The accounts a GetAccountsDetail with these options shows, and the first and last day of its transactions. */
  private selection(login: Login, epoch: number, options: DetailOptions, today: Day) {
    const filter = options.accountsFilter?.map((id) => id.toLowerCase());
    const cutoff = Math.max(
      today - windowDays(options) + 1,
      options.dateFrom ?? Number.NEGATIVE_INFINITY,
      options.since ?? Number.NEGATIVE_INFINITY,
    );
    const last = Math.min(today, options.dateTo ?? today);
    const accounts = this.loginData(login, epoch).accounts.filter(
      (account) => !filter || filter.length === 0 || filter.includes(account.id),
    );
    return { accounts, cutoff, last };
  }

  /** The `Accounts` array as JSON. */
  accountsJson(login: Login, epoch: number, kind: DataKind, options: DetailOptions, today: Day): string {
    const key = `${login.id}:${epoch}:${kind}:${today}:${JSON.stringify(options)}`;
    let json = this.accounts.get(key);
    if (json === undefined) {
      const { accounts, cutoff, last } = this.selection(login, epoch, options, today);
      json = JSON.stringify(accounts.map((account) => accountJson(account, kind, options, cutoff, last)));
      this.accounts.set(key, json);
    }
    return json;
  }

  /**
   * The `Transactions` array of GetCategorization: every transaction of that GetAccountsDetail, in its order,
   * with a Category and SubCategory. Field names and order follow Flinks' example, which spells money in as
   * `credit` (lower case) beside `Debit`.
   */
  categorizedJson(login: Login, epoch: number, options: DetailOptions, today: Day): string {
    const key = `${login.id}:${epoch}:categorization:${today}:${JSON.stringify(options)}`;
    let json = this.accounts.get(key);
    if (json === undefined) {
      const { accounts, cutoff, last } = this.selection(login, epoch, options, today);
      const transactions = [];
      if (options.withTransactions) {
        for (const account of accounts) {
          const all = account.transactions;
          for (let i = all.length - 1; i >= 0; i--) {
            const t = all[i] as (typeof all)[number];
            if (t.day < cutoff) break;
            if (t.day > last) continue;
            const { Category, SubCategory } = broadCategoryOf(t.description);
            transactions.push({
              TransactionId: t.id,
              AccountId: account.id,
              Description: t.description,
              Category,
              SubCategory,
              Balance: money(t.balance),
              ...(t.debit !== null ? { Debit: money(t.debit) } : {}),
              ...(t.credit !== null ? { credit: money(t.credit) } : {}),
              Date: formatDay(t.day),
            });
          }
        }
      }
      json = JSON.stringify(transactions);
      this.accounts.set(key, json);
    }
    return json;
  }

  /** The 200 body of GetAccountsDetail/Summary (and of their Async pollers, and of the webhook). */
  dataBody(args: {
    login: Login;
    epoch: number;
    kind: DataKind;
    options: DetailOptions;
    requestId: string;
    tag: string | null;
    today: Day;
    responseType?: string;
  }): string {
    const head = args.responseType ? `{"ResponseType":${JSON.stringify(args.responseType)},` : '{';
    // A real summary carries top-level Links and no Login.
    const tail = JSON.stringify({
      ...(args.kind === 'summary'
        ? { Links: [{ rel: 'AccountsDetail', href: '/GetAccountsDetail', example: null }] }
        : { Login: loginJson(args.login, args.epoch) }),
      InstitutionName: FLINKS_CAPITAL.name,
      InstitutionId: FLINKS_CAPITAL.id,
      Institution: FLINKS_CAPITAL.name,
      RequestId: args.requestId,
      ...(args.tag ? { Tag: args.tag } : {}),
    });
    const accounts = this.accountsJson(args.login, args.epoch, args.kind, args.options, args.today);
    return `${head}"HttpStatusCode":200,"Accounts":${accounts},${tail.slice(1)}`;
  }

  /** What an OPERATION_DISPATCHED answer carries: the accounts with balances, no transactions yet. */
  partialAccounts(login: Login, epoch: number, today: Day): unknown {
    const options: DetailOptions = {
      withTransactions: false,
      withBalance: true,
      withAccountIdentity: true,
      days: 'Days90',
      accountsFilter: null,
      dateFrom: null,
      dateTo: null,
      since: null,
    };
    return JSON.parse(this.accountsJson(login, epoch, 'detail', options, today));
  }

  forget(loginId: string): void {
    this.data.deleteWhere((key) => key.startsWith(loginId));
    this.accounts.deleteWhere((key) => key.startsWith(loginId));
  }

  clear(): void {
    this.data.clear();
    this.accounts.clear();
  }
}
