/**
 * The bank's statements against the emulator over HTTP: asked in the job's own session, stored sealed, listed
 * per account, served as a PDF only to the account's owner, asked once a month, and gone with the link.
 */
import { describe, expect, it } from 'vitest';
import { statementContext, statementPeriods } from '../../src/statements/retrieve.ts';
import { Browser } from '../helpers/browser.ts';
import { TEST_ENCRYPTION_KEY } from '../helpers/config.ts';
import { ENGINES } from '../helpers/database.ts';
import { earlierStatementSeal } from '../helpers/earlier-statement-seal.ts';
import { jobRow, waitForJob } from '../helpers/stack.ts';
import { linkBank, useStack } from '../helpers/suite.ts';

describe.each(ENGINES)('statements on %s', (engine) => {
  const stack = useStack(engine);

  const chequingOf = (accounts: { id: string; title: string }[]) => {
    const chequing = accounts.find((account) => account.title === 'Chequing CAD');
    if (!chequing) throw new Error('no Chequing CAD account');
    return chequing;
  };

  it('asks a year of statements in the link job’s session and lists them per account, newest first', async () => {
    const { user, job, accounts } = await linkBank(stack);
    expect(job.state).toBe('succeeded');
    const { request_id: requestId } = await jobRow(stack.database.db, job.id);
    expect(
      await stack.sandbox.control.calls({ endpoint: 'GetStatements', requestId: requestId ?? '' }),
    ).toHaveLength(1);
    expect(await stack.sandbox.control.calls({ endpoint: 'Authorize' })).toHaveLength(1);
    const listed = (await user.get(`/api/accounts/${chequingOf(accounts).id}/statements`)).json();
    expect(listed.statements.map((s: { period: string }) => s.period)).toEqual(
      statementPeriods(new Date(), 12),
    );
    for (const statement of listed.statements) expect(statement.sizeBytes).toBeGreaterThan(100);
    const investment = accounts.find((account) => account.kind === 'investment');
    if (investment) {
      expect((await user.get(`/api/accounts/${investment.id}/statements`)).json().statements).toEqual([]);
    }
  });

  it('serves the PDF as a private attachment named after the account and month; at rest it is sealed', async () => {
    const { user, accounts } = await linkBank(stack);
    const chequing = chequingOf(accounts);
    const [latest] = (await user.get(`/api/accounts/${chequing.id}/statements`)).json().statements;
    const response = await user.get(`/api/accounts/${chequing.id}/statements/${latest.id}?language=fr`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="Chequing CAD releve ${latest.period}.pdf"; filename*=UTF-8''${encodeURIComponent(`Chequing CAD relevé ${latest.period}.pdf`)}`,
    );
    const pdf = response.rawPayload;
    expect(pdf.length).toBe(latest.sizeBytes);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf.toString('latin1')).toContain(`Statement ${latest.period}: Chequing CAD 1111000`);

    const { rows } = await stack.database.db.query<{ pdf_sealed: string | null; sealed: Uint8Array }>(
      'SELECT pdf_sealed, pdf_sealed_bytes AS sealed FROM statements WHERE id = $1',
      [latest.id],
    );
    expect(rows[0]?.pdf_sealed).toBeNull();
    const stored = Buffer.from(rows[0]?.sealed ?? []);
    // At rest as bytes: the PDF's length, with the version, the nonce and the tag.
    expect(stored.length).toBe(1 + 12 + pdf.length + 16);
    for (const clear of ['%PDF', 'JVBERi', '1111000', pdf.toString('base64').slice(0, 40)]) {
      expect(stored.includes(Buffer.from(clear, 'latin1'))).toBe(false);
    }
  });

  it('still serves a statement stored in the earlier text form', async () => {
    const { user, accounts } = await linkBank(stack);
    const chequing = chequingOf(accounts);
    const [latest] = (await user.get(`/api/accounts/${chequing.id}/statements`)).json().statements;
    const url = `/api/accounts/${chequing.id}/statements/${latest.id}?language=en`;
    const pdf = (await user.get(url)).rawPayload;
    const { rows } = await stack.database.db.query<{ link_id: string; flinks_account_id: string }>(
      'SELECT link_id, flinks_account_id FROM accounts WHERE id = $1',
      [chequing.id],
    );
    const account = rows[0];
    if (!account) throw new Error('no account row');
    const context = statementContext(account.link_id, account.flinks_account_id, latest.period);
    await stack.database.db.query(
      'UPDATE statements SET pdf_sealed = $2, pdf_sealed_bytes = NULL WHERE id = $1',
      [latest.id, earlierStatementSeal(TEST_ENCRYPTION_KEY, pdf, context)],
    );
    const response = await user.get(url);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(pdf)).toBe(true);
  });

  it('serves statements only to the account’s owner: another person’s ids answer 404', async () => {
    const owner = await linkBank(stack);
    const chequing = chequingOf(owner.accounts);
    const [latest] = (await owner.user.get(`/api/accounts/${chequing.id}/statements`)).json().statements;
    const stranger = await linkBank(stack);
    for (const url of [
      `/api/accounts/${chequing.id}/statements`,
      `/api/accounts/${chequing.id}/statements/${latest.id}`,
      // The stranger's own account with the owner's statement.
      `/api/accounts/${chequingOf(stranger.accounts).id}/statements/${latest.id}`,
    ]) {
      const response = await stranger.user.get(url);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
      expect(response.headers['content-type']).toContain('application/json');
    }
    // The owner asking for it under another of their accounts: not found either.
    const savings = owner.accounts.find((account) => account.id !== chequing.id);
    const crossed = await owner.user.get(`/api/accounts/${savings?.id}/statements/${latest.id}`);
    expect(crossed.statusCode).toBe(404);
    const anonymous = await new Browser(stack.app).get(
      `/api/accounts/${chequing.id}/statements/${latest.id}`,
    );
    expect([401, 404]).toContain(anonymous.statusCode);
  });

  it('asks again only when a month has passed: a refresh holding last month’s makes no GetStatements', async () => {
    const { user, link } = await linkBank(stack);
    await stack.sandbox.control.clearCalls();
    const refresh = (await user.post(`/api/links/${link.id}/refresh`)).json();
    const job = await waitForJob(user, refresh.job.id);
    expect(job.state).toBe('succeeded');
    expect(await stack.sandbox.control.calls({ endpoint: 'GetAccountsDetail' })).toHaveLength(1);
    expect(await stack.sandbox.control.calls({ endpoint: 'GetStatements' })).toHaveLength(0);
  });

  it('a failing GetStatements leaves the job succeeded with its accounts, without statements', async () => {
    await stack.sandbox.control.injectFault({ endpoint: 'GetStatements', kind: 'flinks', count: 5 });
    const { user, job, accounts } = await linkBank(stack);
    expect(job.state).toBe('succeeded');
    expect(accounts.length).toBeGreaterThan(0);
    expect((await user.get(`/api/accounts/${chequingOf(accounts).id}/statements`)).json().statements).toEqual(
      [],
    );
  });

  it('removing the link deletes its statements', async () => {
    const { user, link, accounts } = await linkBank(stack);
    const accountIds = accounts.map((account) => account.id);
    const count = async () =>
      Number(
        (
          await stack.database.db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM statements WHERE account_id = ANY($1::uuid[])',
            [accountIds],
          )
        ).rows[0]?.n,
      );
    expect(await count()).toBeGreaterThan(0);
    expect((await user.delete(`/api/links/${link.id}`)).statusCode).toBe(204);
    expect(await count()).toBe(0);
  });
});
