import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/index.ts';
import { statementMonths } from '../../src/statements/endpoints.ts';
import { type Flinks, startSandbox } from '../helpers.ts';

let sandbox: Sandbox;
let flinks: Flinks;

beforeAll(async () => {
  ({ sandbox, flinks } = await startSandbox({ processingMs: 600_000 }));
});
afterEach(() => sandbox.control.configure({ processingMs: 600_000 }));
afterAll(() => sandbox.close());

const headers = () => ({ 'x-api-key': sandbox.apiKey });

describe('GetStatements', () => {
  it('answers 202 OPERATION_PENDING, then base64 PDFs per account through GetStatementsAsync (GET or POST)', async () => {
    const { requestId } = await flinks.connect('greatday_nomfa');
    const first = await flinks.call('POST', 'GetStatements', {
      body: { RequestId: requestId, NumberOfStatements: 'Months3' },
      headers: headers(),
    });
    expect([first.status, first.body.FlinksCode]).toEqual([202, 'OPERATION_PENDING']);
    const stillPending = await flinks.call('GET', `GetStatementsAsync/${requestId}`, { headers: headers() });
    expect(stillPending.status).toBe(202);
    await sandbox.control.configure({ processingMs: 0 });
    for (const method of ['GET', 'POST']) {
      const done = await flinks.call(method, `GetStatementsAsync/${requestId}`, { headers: headers() });
      expect(done.status).toBe(200);
      expect(Object.keys(done.body).sort()).toEqual(
        ['HttpStatusCode', 'Institution', 'Login', 'RequestId', 'StatementsByAccount'].sort(),
      );
      const chequing = done.body.StatementsByAccount.find(
        (entry: { AccountNumber: string }) => entry.AccountNumber === '1111000',
      );
      expect(chequing.Statements).toHaveLength(3);
      const [latest] = chequing.Statements;
      expect(latest).toMatchObject({ FileType: 'PDF', UniqueId: expect.any(String) });
      const pdf = Buffer.from(latest.Base64Bytes, 'base64').toString('latin1');
      expect(pdf.startsWith('%PDF-1.4')).toBe(true);
      expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
      // The cross-reference table points at each object exactly: a reader opens it.
      const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
      offsets.forEach((offset, index) => {
        expect(pdf.slice(offset).startsWith(`${index + 1} 0 obj\n`)).toBe(true);
      });
      const [, startxref] = /startxref\n(\d+)/.exec(pdf) ?? [];
      expect(pdf.slice(Number(startxref), Number(startxref) + 4)).toBe('xref');
      expect(pdf).toContain(`Statement ${statementMonths(todayDay(), 1)[0]?.label}: Chequing CAD 1111000`);
    }
  });

  it('answers the most recent statement by default, keeps to AccountsFilter, and refuses a bad NumberOfStatements', async () => {
    await sandbox.control.configure({ processingMs: 0 });
    const { requestId } = await flinks.connect('greatday_nomfa');
    const detail = await flinks.retrieve(requestId);
    const chequingId = detail.body.Accounts[0].Id;
    const one = await flinks.call('POST', 'GetStatements', {
      body: { RequestId: requestId, AccountsFilter: [chequingId] },
      headers: headers(),
    });
    expect(one.body.StatementsByAccount).toHaveLength(1);
    expect(one.body.StatementsByAccount[0].Statements).toHaveLength(1);
    const bad = await flinks.call('POST', 'GetStatements', {
      body: { RequestId: requestId, NumberOfStatements: 'Months6' },
      headers: headers(),
    });
    expect([bad.status, bad.body.FlinksCode]).toEqual([401, 'INVALID_REQUEST']);
    const noKey = await flinks.call('POST', 'GetStatements', { body: { RequestId: requestId } });
    expect([noKey.status, noKey.body.FlinksCode]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('lists the months before the current one, newest first', () => {
    const march15 = Date.parse('2025-03-15T00:00:00Z') / 86_400_000;
    expect(statementMonths(march15, 3).map((month) => month.label)).toEqual([
      '2025-02',
      '2025-01',
      '2024-12',
    ]);
  });
});

function todayDay(): number {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Toronto',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  return Date.parse(`${today}T00:00:00Z`) / 86_400_000;
}
