/**
 * The OFX export read back by an independent OFX parser: the statement kind for the account, one STMTTRN per
 * transaction with its stable id as FITID, signs and balances as importers book them, Windows-1252 text.
 */
import iconv from 'iconv-lite';
import { parse } from 'ofx-js';
import { describe, expect, it } from 'vitest';
import { isCreditCard, type OfxAccount, transactionsOfx } from '../../src/accounts/ofx.ts';
import type { TransactionRow } from '../../src/accounts/repository.ts';

const NOW = new Date('2026-06-03T14:05:06.789Z');

function account(overrides: Partial<OfxAccount> = {}): OfxAccount {
  return {
    id: '0f1e2d3c-4b5a-4968-8776-655443322110',
    type: 'Chequing',
    title: 'Chequing CAD',
    kind: 'chequing',
    currency: 'CAD',
    mask: '1000',
    balance_current: 122_445,
    balance_available: 120_000,
    updated_at: new Date('2026-06-02T10:00:00Z'),
    ...overrides,
  };
}

function row(id: string, date: string, amount: number, description: string): TransactionRow {
  return {
    id,
    date,
    description,
    debit: amount < 0 ? -amount : null,
    credit: amount > 0 ? amount : null,
    amount,
    balance: null,
    seq: 0,
    merchant: null,
    category: null,
    category_source: null,
    transfer_account_id: null,
  };
}

/** Newest first, as the repository gives them. */
const ROWS = [
  row('a3f0c6e2-0000-4000-8000-000000000003', '2026-06-02', -123_450, 'HYDRO-QUÉBEC <facture> & frais'),
  row(
    'a3f0c6e2-0000-4000-8000-000000000002',
    '2026-06-01',
    7,
    'Remboursement d’un achat très, très long chez le marchand',
  ),
  row('a3f0c6e2-0000-4000-8000-000000000001', '2026-05-30', -100, 'Café'),
];

async function readBack(bytes: Buffer) {
  const parsed = await parse(iconv.decode(bytes, 'win1252'));
  return parsed as unknown as {
    header: Record<string, string>;
    OFX: Record<string, Record<string, Record<string, Record<string, unknown>>>>;
  };
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

describe('the OFX export', () => {
  it('is an OFX 1.0.2 bank statement that a parser reads back, one STMTTRN per transaction', async () => {
    const bytes = transactionsOfx(account(), ROWS, { range: {}, language: 'fr', now: NOW });
    const { header, OFX } = await readBack(bytes);
    expect(header).toMatchObject({ OFXHEADER: '100', DATA: 'OFXSGML', VERSION: '102', CHARSET: '1252' });
    expect(OFX.SIGNONMSGSRSV1?.SONRS).toMatchObject({
      STATUS: { CODE: '0', SEVERITY: 'INFO' },
      DTSERVER: '20260603140506.789[0:GMT]',
      LANGUAGE: 'FRA',
    });
    expect(OFX.CREDITCARDMSGSRSV1).toBeUndefined();
    const statement = OFX.BANKMSGSRSV1?.STMTTRNRS?.STMTRS as Record<string, unknown>;
    expect(statement.CURDEF).toBe('CAD');
    expect(statement.BANKACCTFROM).toEqual({
      BANKID: '000000000',
      ACCTID: '1000-0F1E2D3C4B5A',
      ACCTTYPE: 'CHECKING',
    });
    const transactions = statement.BANKTRANLIST as { DTSTART: string; DTEND: string; STMTTRN: unknown };
    expect(transactions.DTSTART).toBe('20260530');
    expect(transactions.DTEND).toBe('20260602');
    // Oldest first; the FITID is the transaction's own id, the same in every export.
    expect(list(transactions.STMTTRN)).toEqual([
      { TRNTYPE: 'DEBIT', DTPOSTED: '20260530', TRNAMT: '-1.00', FITID: ROWS[2]?.id, NAME: 'Café' },
      {
        TRNTYPE: 'CREDIT',
        DTPOSTED: '20260601',
        TRNAMT: '0.07',
        FITID: ROWS[1]?.id,
        NAME: 'Remboursement d’un achat très, t',
        MEMO: 'Remboursement d’un achat très, très long chez le marchand',
      },
      {
        TRNTYPE: 'DEBIT',
        DTPOSTED: '20260602',
        TRNAMT: '-1234.50',
        FITID: ROWS[0]?.id,
        NAME: 'HYDRO-QUÉBEC <facture> & frais',
      },
    ]);
    expect(statement.LEDGERBAL).toEqual({ BALAMT: '1224.45', DTASOF: '20260602100000.000[0:GMT]' });
    expect(statement.AVAILBAL).toEqual({ BALAMT: '1200.00', DTASOF: '20260602100000.000[0:GMT]' });
  });

  it('writes Windows-1252 bytes, as its header says, and escapes SGML', () => {
    const bytes = transactionsOfx(account(), ROWS, { range: {}, now: NOW });
    const text = bytes.toString('latin1');
    expect(bytes.includes(Buffer.from([0x43, 0x61, 0x66, 0xe9]))).toBe(true); // "Café"
    expect(bytes.includes(Buffer.from([0x64, 0x92, 0x75, 0x6e]))).toBe(true); // "d’un"
    expect(text).toContain('<NAME>HYDRO-QU\u00c9BEC &lt;facture&gt; &amp; frais</NAME>');
    expect(text.startsWith('OFXHEADER:100\r\n')).toBe(true);
  });

  it('makes a card a credit card statement, with what is owed negative, and a line of credit a credit line', async () => {
    const card = account({
      type: 'CreditCard',
      title: 'Visa Infinite',
      kind: 'credit',
      mask: '6065',
      balance_current: 340_571,
      balance_available: 659_429,
    });
    expect(isCreditCard(card)).toBe(true);
    const { OFX } = await readBack(
      transactionsOfx(card, ROWS, { range: { from: '2026-05-01', to: '2026-06-30' }, now: NOW }),
    );
    expect(OFX.BANKMSGSRSV1).toBeUndefined();
    const statement = OFX.CREDITCARDMSGSRSV1?.CCSTMTTRNRS?.CCSTMTRS as Record<string, unknown>;
    expect(statement.CCACCTFROM).toEqual({ ACCTID: '6065-0F1E2D3C4B5A' });
    const transactions = statement.BANKTRANLIST as { DTSTART: string; DTEND: string; STMTTRN: unknown };
    // The dates asked for, not only those the transactions span.
    expect([transactions.DTSTART, transactions.DTEND]).toEqual(['20260501', '20260630']);
    // A purchase lowers the holder's balance; a refund raises it.
    expect(list(transactions.STMTTRN as { TRNAMT: string }[]).map((t) => t.TRNAMT)).toEqual([
      '-1.00',
      '0.07',
      '-1234.50',
    ]);
    expect((statement.LEDGERBAL as { BALAMT: string }).BALAMT).toBe('-3405.71');
    expect(statement.AVAILBAL).toBeUndefined();

    const line = account({ type: 'LineOfCredit', title: 'Line of Credit CAD', kind: 'credit' });
    expect(isCreditCard(line)).toBe(false);
    const credit = await readBack(transactionsOfx(line, ROWS, { range: {}, now: NOW }));
    const bank = credit.OFX.BANKMSGSRSV1?.STMTTRNRS?.STMTRS as Record<string, { ACCTTYPE?: string }>;
    expect(bank.BANKACCTFROM?.ACCTTYPE).toBe('CREDITLINE');
  });

  it('is still a whole statement with no transaction, dated the day it is made', async () => {
    const { OFX } = await readBack(
      transactionsOfx(account({ balance_current: null, balance_available: null, mask: null }), [], {
        range: {},
        now: NOW,
      }),
    );
    const statement = OFX.BANKMSGSRSV1?.STMTTRNRS?.STMTRS as Record<string, unknown>;
    expect(statement.BANKTRANLIST).toEqual({ DTSTART: '20260603', DTEND: '20260603' });
    expect((statement.BANKACCTFROM as { ACCTID: string }).ACCTID).toBe('0F1E2D3C4B5A');
    expect(statement.LEDGERBAL).toBeUndefined();
  });
});
