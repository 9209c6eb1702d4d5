import { contract } from '@passbook/contracts/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../errors.ts';
import { fromContract } from '../http/contract-route.ts';
import { balanceHistory } from './balances.ts';
import { csvAttachment, exportAttachment, transactionsCsv } from './csv.ts';
import { decodeCursor, decodeMixedCursor, encodeCursor, encodeMixedCursor } from './cursor.ts';
import { userNetWorth } from './net-worth.ts';
import { transactionsOfx } from './ofx.ts';
import {
  type AccountRow,
  allTransactions,
  dailyTotals,
  findAccount,
  presentTransaction,
  transactionsPage,
  userTransactionsPage,
} from './repository.ts';

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  async function ownAccount(request: FastifyRequest, accountId: string): Promise<AccountRow> {
    const account = await findAccount(app.db, request.user.id, accountId);
    if (account === null) throw notFound('This account');
    return account;
  }

  app.route({
    ...fromContract(contract.accountTransactions),
    handler: async (request) => {
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
  });

  app.route({
    ...fromContract(contract.allTransactions),
    handler: async (request) => {
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
  });

  app.route({
    ...fromContract(contract.transactionsCsv),
    handler: async (request, reply) => {
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
  });

  app.route({
    ...fromContract(contract.transactionsOfx),
    handler: async (request, reply) => {
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
  });

  app.route({
    ...fromContract(contract.balanceHistory),
    handler: async (request) => {
      const account = await ownAccount(request, request.params.id);
      const days = await dailyTotals(app.db, account.id);
      return { currency: account.currency, points: balanceHistory(days, account.balance_current) };
    },
  });

  app.route({
    ...fromContract(contract.netWorth),
    handler: async (request) => userNetWorth(app.db, request.user.id),
  });
};
