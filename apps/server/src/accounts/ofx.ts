/**
 * OFX export of transactions, in OFX 1.0.2 (SGML): the version Canadian banks' "download transactions" give
 * for Quicken, Microsoft Money, GnuCash, Moneydance and the budgeting apps, so every importer reads it. Each
 * transaction's FITID is our own stable id for it, the same in every file, so importing an overlapping range
 * again adds nothing twice. A credit card is a credit card statement (CREDITCARDMSGSRSV1), everything else a
 * bank statement; in both, money that leaves the holder is negative and so is a balance owed.
 *
 * The text is Windows-1252 (CHARSET:1252, what 1.0.2 readers expect), so French accents survive; a character
 * 1252 does not have becomes `?`. Elements carry their end tags, which SGML allows and naive readers need.
 */
import type { Language } from '@passbook/contracts';
import iconv from 'iconv-lite';
import { decimal } from './csv.ts';
import type { AccountRow, TransactionRow } from './repository.ts';

export type OfxAccount = Pick<
  AccountRow,
  | 'id'
  | 'type'
  | 'title'
  | 'kind'
  | 'currency'
  | 'mask'
  | 'balance_current'
  | 'balance_available'
  | 'updated_at'
>;

const HEADER = [
  'OFXHEADER:100',
  'DATA:OFXSGML',
  'VERSION:102',
  'SECURITY:NONE',
  'ENCODING:USASCII',
  'CHARSET:1252',
  'COMPRESSION:NONE',
  'OLDFILEUID:NONE',
  'NEWFILEUID:NONE',
].join('\r\n');

/** 1.0.2 bounds NAME at 32 characters; the whole description then goes in MEMO. */
const NAME_LENGTH = 32;

/** A credit card by Flinks' type, or by its name when the type says nothing. */
export function isCreditCard(account: Pick<AccountRow, 'type' | 'title' | 'kind'>): boolean {
  if (account.kind !== 'credit') return false;
  const type = account.type.replace(/[\s_-]/g, '').toLowerCase();
  if (type === 'creditcard') return true;
  if (type !== '' && type !== 'credit') return false;
  return /\b(visa|mastercard|amex|american express|credit card|carte de cr[ée]dit)\b/i.test(account.title);
}

/** OFX's bank account types: a line of credit, loan or mortgage is a credit line. */
function bankAccountType(account: OfxAccount): string {
  if (account.kind === 'credit') return 'CREDITLINE';
  if (account.kind === 'savings' || account.kind === 'registered_savings') return 'SAVINGS';
  return 'CHECKING';
}

/**
 * Stable for the account and unique among one person's accounts, yet no account number: the last digits the
 * bank shows, then the start of our own id. 1.0.2 allows 22 characters.
 */
export function ofxAccountId(account: Pick<AccountRow, 'id' | 'mask'>): string {
  const digits = (account.mask ?? '').replace(/[^0-9A-Za-z]/g, '').slice(-4);
  const own = account.id.replace(/-/g, '').slice(0, 12).toUpperCase();
  return digits ? `${digits}-${own}` : own;
}

/** Control characters out, spaces folded: what a description may hold before it is escaped. */
function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

export function sgmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const ofxDay = (day: string) => day.replaceAll('-', '');

/** `20260131143000.000[0:GMT]`: OFX's date-time, in UTC. */
export function ofxDateTime(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}${iso.slice(11, 19).replaceAll(':', '')}.${iso.slice(20, 23)}[0:GMT]`;
}

function element(name: string, value: string): string {
  return `<${name}>${value}</${name}>`;
}

function transaction(row: TransactionRow, currency: string): string[] {
  const description = plain(row.description) || '-';
  const name = description.slice(0, NAME_LENGTH).trim();
  const lines = [
    '<STMTTRN>',
    element('TRNTYPE', row.amount < 0 ? 'DEBIT' : 'CREDIT'),
    element('DTPOSTED', ofxDay(row.date)),
    element('TRNAMT', decimal(row.amount, currency)),
    element('FITID', row.id),
    element('NAME', sgmlText(name)),
  ];
  if (name !== description) lines.push(element('MEMO', sgmlText(description)));
  lines.push('</STMTTRN>');
  return lines;
}

export interface OfxOptions {
  /** The dates asked for; by default those the rows span. */
  range: { from?: string | undefined; to?: string | undefined };
  language?: Language | undefined;
  /** When the file is made. */
  now: Date;
}

/** The statement as OFX text (not yet encoded). */
export function transactionsOfxText(
  account: OfxAccount,
  rows: readonly TransactionRow[],
  options: OfxOptions,
): string {
  const card = isCreditCard(account);
  const owed = account.kind === 'credit';
  // What is owed on credit is a negative balance in OFX, as importers book a liability.
  const signed = (balance: number) => decimal(owed ? -balance : balance, account.currency);
  const days = rows.map((row) => row.date).sort();
  const today = options.now.toISOString().slice(0, 10);
  const start = options.range.from ?? days[0] ?? today;
  const end = options.range.to ?? days.at(-1) ?? today;
  const asOf = ofxDateTime(account.updated_at);

  const from = card
    ? ['<CCACCTFROM>', element('ACCTID', ofxAccountId(account)), '</CCACCTFROM>']
    : [
        '<BANKACCTFROM>',
        // No routing number reaches us; importers match the account by ACCTID.
        element('BANKID', '000000000'),
        element('ACCTID', ofxAccountId(account)),
        element('ACCTTYPE', bankAccountType(account)),
        '</BANKACCTFROM>',
      ];
  const balances: string[] = [];
  if (account.balance_current !== null) {
    balances.push(
      '<LEDGERBAL>',
      element('BALAMT', signed(account.balance_current)),
      element('DTASOF', asOf),
      '</LEDGERBAL>',
    );
  }
  if (account.balance_available !== null && !owed) {
    balances.push(
      '<AVAILBAL>',
      element('BALAMT', signed(account.balance_available)),
      element('DTASOF', asOf),
      '</AVAILBAL>',
    );
  }

  const [messages, transactionResponse, statement] = card
    ? ['CREDITCARDMSGSRSV1', 'CCSTMTTRNRS', 'CCSTMTRS']
    : ['BANKMSGSRSV1', 'STMTTRNRS', 'STMTRS'];
  const status = ['<STATUS>', element('CODE', '0'), element('SEVERITY', 'INFO'), '</STATUS>'];
  const body = [
    '<OFX>',
    '<SIGNONMSGSRSV1>',
    '<SONRS>',
    ...status,
    element('DTSERVER', ofxDateTime(options.now)),
    element('LANGUAGE', options.language === 'fr' ? 'FRA' : 'ENG'),
    '</SONRS>',
    '</SIGNONMSGSRSV1>',
    `<${messages}>`,
    `<${transactionResponse}>`,
    element('TRNUID', '0'),
    ...status,
    `<${statement}>`,
    element('CURDEF', account.currency),
    ...from,
    '<BANKTRANLIST>',
    element('DTSTART', ofxDay(start)),
    element('DTEND', ofxDay(end)),
    // Oldest first, as a statement reads.
    ...[...rows].reverse().flatMap((row) => transaction(row, account.currency)),
    '</BANKTRANLIST>',
    ...balances,
    `</${statement}>`,
    `</${transactionResponse}>`,
    `</${messages}>`,
    '</OFX>',
  ];
  return `${HEADER}\r\n\r\n${body.join('\r\n')}\r\n`;
}

/** The file's bytes, in the Windows-1252 its header announces. */
export function transactionsOfx(
  account: OfxAccount,
  rows: readonly TransactionRow[],
  options: OfxOptions,
): Buffer {
  return iconv.encode(transactionsOfxText(account, rows, options), 'win1252');
}
