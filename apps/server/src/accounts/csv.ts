/**
 * CSV export of transactions, safe to open in a spreadsheet: a text cell that starts with a character a
 * spreadsheet reads as a formula (= + - @, tab, carriage return) is prefixed with an apostrophe. Amounts are
 * written by us as plain decimals, so they are left as numbers.
 */
import type { Language } from '@passbook/contracts';
import { currencyMinorDigits } from '@passbook/flinks';
import { attachment, fileNamePart } from './attachment.ts';
import type { TransactionRow } from './repository.ts';

/** The header row in the page's language: the file is read by the person, in their spreadsheet. */
const HEADERS: Record<Language, readonly string[]> = {
  en: ['Date', 'Description', 'Money out', 'Money in', 'Balance', 'Currency'],
  fr: ['Date', 'Description', 'Sorties', 'Entrées', 'Solde', 'Devise'],
};

/** Spreadsheets (Excel first) read a file without it in the system's legacy code page, garbling accents. */
const UTF8_BOM = '\uFEFF';

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

export function transactionsCsv(
  rows: readonly TransactionRow[],
  currency: string,
  language: Language = 'en',
): string {
  const money = (value: number | null) => (value === null ? '' : decimal(value, currency));
  const lines = [HEADERS[language].map(csvCell).join(',')];
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
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * `Chequing CAD 2026-01-01 to 2026-03-31.csv`: the account and the dates asked for, or else those the rows
 * span.
 */
export function exportAttachment(
  title: string,
  range: { from?: string | undefined; to?: string | undefined },
  rows: readonly TransactionRow[],
  language: Language,
  extension: 'csv' | 'ofx',
): string {
  const days = rows.map((row) => row.date).sort();
  const from = range.from ?? days[0];
  const to = range.to ?? days.at(-1);
  const span = from && to ? ` ${from} ${language === 'fr' ? 'au' : 'to'} ${to}` : '';
  return attachment(`${fileNamePart(title, 'transactions')}${span}.${extension}`);
}

export function csvAttachment(
  title: string,
  range: { from?: string | undefined; to?: string | undefined },
  rows: readonly TransactionRow[],
  language: Language = 'en',
): string {
  return exportAttachment(title, range, rows, language, 'csv');
}
