import {
  AccountParams,
  AllTransactionsResponse,
  BalanceHistoryResponse,
  ErrorBody,
  NetWorthResponse,
  TransactionsResponse,
} from '@passbook/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors.ts';
import { balanceHistory } from './balances.ts';
import { csvAttachment, exportAttachment, transactionsCsv } from './csv.ts';
import { decodeCursor, decodeMixedCursor, encodeCursor, encodeMixedCursor } from './cursor.ts';
import { userNetWorth } from './net-worth.ts';
import { transactionsOfx } from './ofx.ts';
import { TransactionsExportQuery, TransactionsPageQuery } from './query.ts';
import {
  type AccountRow,
  allTransactions,
  dailyTotals,
  findAccount,
  presentTransaction,
  transactionsPage,
  userTransactionsPage,
} from './repository.ts';

const errors = { 400: ErrorBody, 404: ErrorBody };

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  async function ownAccount(request: FastifyRequest, accountId: string): Promise<AccountRow> {
    const account = await findAccount(app.db, request.user.id, accountId);
    if (account === null) throw notFound('This account');
    return account;
  }

  app.get(
    '/api/accounts/:id/transactions',
    {
      schema: {
        summary: 'A page of an account’s transactions, newest first',
        description:
          '`q` searches descriptions (case-insensitive, literal); `from`/`to` bound the date (inclusive). ' +
          'Pass `nextCursor` back as `cursor` for the next, older page.',
        tags: ['accounts'],
        params: AccountParams,
        querystring: TransactionsPageQuery,
        response: { 200: TransactionsResponse, ...errors },
      },
    },
    async (request) => {
      const account = await ownAccount(request, request.params.id);
      const { cursor, limit, ...filter } = request.query;
      const after = cursor === undefined ? null : decodeCursor(cursor);
      const page = await transactionsPage(app.db, account.id, filter, after, limit);
      const last = page.rows.at(-1);
      return {
        transactions: page.rows.map(presentTransaction),
        nextCursor: page.hasMore && last ? encodeCursor(last) : null,
        total: page.total,
      };
    },
  );

  app.get(
    '/api/transactions',
    {
      schema: {
        summary: 'A page of the transactions of all of one’s accounts, newest first',
        description:
          'The same filters and paging as one account’s transactions, over every account of the person; ' +
          'each transaction names its `accountId`. A cursor of one account’s list is not one of this list.',
        tags: ['accounts'],
        querystring: TransactionsPageQuery,
        response: { 200: AllTransactionsResponse, 400: ErrorBody },
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      const after = cursor === undefined ? null : decodeMixedCursor(cursor);
      const page = await userTransactionsPage(app.db, request.user.id, filter, after, limit);
      const last = page.rows.at(-1);
      return {
        transactions: page.rows.map((row) => ({ ...presentTransaction(row), accountId: row.account_id })),
        nextCursor: page.hasMore && last ? encodeMixedCursor(last) : null,
        total: page.total,
      };
    },
  );

  app.get(
    '/api/accounts/:id/transactions.csv',
    {
      schema: {
        summary: 'The account’s transactions matching the filters, as CSV',
        description:
          'Columns: date, description, money out, money in, balance, currency, headed in `language` (en by ' +
          'default), after a UTF-8 byte-order mark. Amounts are decimals. Named after the account and the dates.',
        tags: ['accounts'],
        params: AccountParams,
        querystring: TransactionsExportQuery,
        produces: ['text/csv'],
        response: {
          200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const account = await ownAccount(request, request.params.id);
      const rows = await allTransactions(app.db, account.id, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          csvAttachment(account.title, request.query, rows, request.query.language),
        )
        .header('cache-control', 'no-store')
        .send(transactionsCsv(rows, account.currency, request.query.language));
    },
  );

  app.get(
    '/api/accounts/:id/transactions.ofx',
    {
      schema: {
        summary: 'The account’s transactions matching the filters, as OFX 1.0.2',
        description:
          'One statement (a credit card statement for a card, else a bank statement) with every matching ' +
          'transaction, each with FITID set to its id here, which never changes, so importing overlapping ' +
          'files does not duplicate; the current and available balances. Windows-1252 text, as the header ' +
          'says. Named like the CSV export.',
        tags: ['accounts'],
        params: AccountParams,
        querystring: TransactionsExportQuery,
        produces: ['application/x-ofx'],
        response: {
          200: { description: 'OFX file', content: { 'application/x-ofx': { schema: z.string() } } },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const account = await ownAccount(request, request.params.id);
      const rows = await allTransactions(app.db, account.id, request.query);
      const language = request.query.language ?? 'en';
      const file = transactionsOfx(account, rows, { range: request.query, language, now: new Date() });
      // Bytes, not text: the schema documents a string, and Fastify sends a Buffer as it is.
      return reply
        .type('application/x-ofx; charset=windows-1252')
        .header('content-disposition', exportAttachment(account.title, request.query, rows, language, 'ofx'))
        .header('cache-control', 'no-store')
        .send(file as unknown as string);
    },
  );

  app.get(
    '/api/accounts/:id/balances',
    {
      schema: {
        summary: 'Daily closing balances of an account, oldest first',
        tags: ['accounts'],
        params: AccountParams,
        response: { 200: BalanceHistoryResponse, ...errors },
      },
    },
    async (request) => {
      const account = await ownAccount(request, request.params.id);
      const days = await dailyTotals(app.db, account.id);
      return { currency: account.currency, points: balanceHistory(days, account.balance_current) };
    },
  );

  app.get(
    '/api/net-worth',
    {
      schema: {
        summary: 'Net worth per currency, now and on each day balances were retrieved',
        description:
          'Assets (chequing, savings, registered savings, investments, other) less what is owed on cards, ' +
          'lines of credit and loans, across the person’s accounts, per currency. Each point holds every ' +
          'account at its last balance kept on or before that day.',
        tags: ['accounts'],
        response: { 200: NetWorthResponse },
      },
    },
    async (request) => userNetWorth(app.db, request.user.id),
  );
};
