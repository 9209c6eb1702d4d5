import { describe, expect, it } from 'vitest';
import { balanceHistory } from '../../src/accounts/balances.ts';
import { csvCell, decimal } from '../../src/accounts/csv.ts';
import { decodeCursor, encodeCursor } from '../../src/accounts/cursor.ts';

describe('balance history', () => {
  it('derives missing closing balances backwards from the next known one', () => {
    const days = [
      { date: '2026-01-01', net: 100, closing: null },
      { date: '2026-01-02', net: -30, closing: 500 },
      { date: '2026-01-03', net: 20, closing: null },
    ];
    expect(balanceHistory(days, 900)).toEqual([
      { date: '2026-01-01', balance: 530 },
      { date: '2026-01-02', balance: 500 },
      { date: '2026-01-03', balance: 900 },
    ]);
  });

  it('gives no point it cannot know', () => {
    expect(balanceHistory([{ date: '2026-01-01', net: 5, closing: null }], null)).toEqual([]);
  });
});

describe('CSV cells and amounts', () => {
  it('defuses formulas and quotes what needs quoting', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1+1`).startsWith(`'`) || csvCell(`${start}1+1`).startsWith(`"'`)).toBe(true);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('writes minor units as decimals in the currency’s precision', () => {
    expect(decimal(123_456, 'CAD')).toBe('1234.56');
    expect(decimal(-5, 'USD')).toBe('-0.05');
    expect(decimal(0, 'CAD')).toBe('0.00');
    expect(decimal(1234, 'JPY')).toBe('1234');
  });
});

describe('page cursors', () => {
  it('round-trip and refuse anything else', () => {
    expect(decodeCursor(encodeCursor({ date: '2026-02-03', seq: 42 }))).toEqual({
      date: '2026-02-03',
      seq: 42,
    });
    for (const forged of [
      '',
      'abc',
      Buffer.from('2026-13-99.1').toString('base64url'),
      Buffer.from('2026-01-01.-1').toString('base64url'),
    ]) {
      expect(() => decodeCursor(forged)).toThrow(/cursor/);
    }
  });
});
