/**
 * Everything Passbook holds for the person (GET /api/account/export): each link with its accounts, their
 * transactions, daily balances and statements, and what they asked to be told with the devices told it.
 */
import { z } from 'zod';
import { Account, BalancePoint, IsoDateTime, Language, Link, Statement, Transaction } from './api.ts';
import { NotificationSettings } from './notifications.ts';

export const ExportedStatement = Statement.extend({
  /**
   * Where its PDF is downloaded (`/api/accounts/:id/statements/:statementId`): the PDFs are not inside the
   * export, which would grow by a third of their size again as base64 text nobody can open as it is.
   */
  file: z.string(),
});
export type ExportedStatement = z.infer<typeof ExportedStatement>;

/** A device that receives push notifications: never its endpoint (a capability) nor its keys. */
export const ExportedPushDevice = z.object({
  /** The push service the browser chose (the endpoint's host, e.g. `fcm.googleapis.com`). */
  pushService: z.string(),
  language: Language,
  subscribedAt: IsoDateTime,
});
export type ExportedPushDevice = z.infer<typeof ExportedPushDevice>;

export const AccountExport = z.object({
  exportedAt: IsoDateTime,
  links: z.array(
    Link.omit({ activeJob: true }).extend({
      accounts: z.array(
        Account.extend({
          transactions: z.array(Transaction),
          /** The balance kept on each day a retrieval stored it (the net worth history), oldest first. */
          dailyBalances: z.array(BalancePoint),
          /** The bank's monthly statements held for the account, newest first. */
          statements: z.array(ExportedStatement),
        }),
      ),
    }),
  ),
  notifications: z.object({
    /** What the person asked to be told (the defaults until they choose). */
    settings: NotificationSettings,
    /** Oldest first. */
    pushDevices: z.array(ExportedPushDevice),
  }),
});
export type AccountExport = z.infer<typeof AccountExport>;
