import type { Language } from '@passbook/contracts';
import { contract } from '@passbook/contracts/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachment, fileNamePart } from '../accounts/attachment.ts';
import { findAccount } from '../accounts/repository.ts';
import { notFound } from '../errors.ts';
import { fromContract } from '../http/contract-route.ts';
import { accountStatement, accountStatements } from './repository.ts';
import { statementContext } from './retrieve.ts';

const WORD: Record<Language, string> = { en: 'statement', fr: 'relevé' };

export const statementRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...fromContract(contract.listStatements),
    handler: async (request) => {
      const account = await findAccount(app.db, request.user.id, request.params.id);
      if (account === null) throw notFound('This account');
      const rows = await accountStatements(app.db, account.id);
      return {
        statements: rows.map((row) => ({ id: row.id, period: row.period, sizeBytes: row.size_bytes })),
      };
    },
  });

  app.route({
    ...fromContract(contract.getStatement),
    handler: async (request, reply) => {
      const account = await findAccount(app.db, request.user.id, request.params.id);
      const statement = account && (await accountStatement(app.db, account.id, request.params.statementId));
      if (!account || !statement) throw notFound('This statement');
      const pdf = app.vault.openStatement(
        statement.sealed,
        statementContext(account.link_id, account.flinks_account_id, statement.period),
      );
      const name = `${fileNamePart(account.title, 'account')} ${WORD[request.query.language]} ${statement.period}.pdf`;
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', attachment(name))
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          // A Buffer is sent as it is, past the response schema that documents it.
          .send(pdf as unknown as string)
      );
    },
  });
};
