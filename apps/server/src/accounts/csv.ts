/**
 * CSV export of transactions, safe to open in a spreadsheet: a text cell that starts with a character a
 * spreadsheet reads as a formula (= + - @, tab, carriage return) is prefixed with an apostrophe. Amounts are
 * written by us as plain decimals, so they are left as numbers.
 */
import { currencyMinorDigits } from '@passbook/flinks';
import type { TransactionRow } from './repository.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Minor units to a decimal string in the currency's own precision: 123456 CAD → "1234.56". */
export function decimal(minor: number, currency: string): string {
  const digits = currencyMinorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export function transactionsCsv(rows: readonly TransactionRow[], currency: string): string {
  const money = (value: number | null) => (value === null ? '' : decimal(value, currency));
  const lines = ['date,description,debit,credit,balance,currency'];
  for (const row of rows) {
    lines.push(
      [
        row.date,
        csvCell(row.description),
        money(row.debit),
        money(row.credit),
        money(row.balance),
        currency,
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
