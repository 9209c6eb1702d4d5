/**
 * What an account is for, decided once when it is stored: Flinks' `Type` when it says (a detail answer), else
 * its `Category`, else its title (a summary answer has no Type). An FHSA, TFSA or RRSP is registered savings;
 * cards, lines of credit and loans are credit (money owed); investment accounts are assets.
 */
import type { AccountKind } from '@passbook/contracts';

const BY_TYPE: Record<string, AccountKind> = {
  chequing: 'chequing',
  checking: 'chequing',
  savings: 'savings',
  fhsa: 'registered_savings',
  tfsa: 'registered_savings',
  rrsp: 'registered_savings',
  resp: 'registered_savings',
  rdsp: 'registered_savings',
  rrif: 'registered_savings',
  lira: 'registered_savings',
  creditcard: 'credit',
  lineofcredit: 'credit',
  mortgage: 'credit',
  investment: 'investment',
  investments: 'investment',
  brokerage: 'investment',
};

const BY_TITLE: readonly [RegExp, AccountKind][] = [
  [/\b(fhsa|celiapp|tfsa|celi|rrsp|reer|resp|reee|rdsp|rrif|first home savings)\b/i, 'registered_savings'],
  [/\b(credit|visa|mastercard|amex|loan|mortgage|hypoth)/i, 'credit'],
  [/\b(invest|brokerage|placement)/i, 'investment'],
  [/\b(saving|épargne|epargne)/i, 'savings'],
  [/\b(chequing|checking|cheque|operating|business|chèque)/i, 'chequing'],
];

const BY_CATEGORY: Record<string, AccountKind> = {
  operations: 'chequing',
  credits: 'credit',
  products: 'investment',
};

export function accountKind(account: {
  Type?: string | null | undefined;
  Category?: string | null | undefined;
  Title?: string | null | undefined;
}): AccountKind {
  const type = (account.Type ?? '').replace(/[\s_-]/g, '').toLowerCase();
  const byType = BY_TYPE[type] ?? (type.startsWith('loan') ? 'credit' : undefined);
  if (byType) return byType;
  const title = account.Title ?? '';
  const byTitle = BY_TITLE.find(([pattern]) => pattern.test(title))?.[1];
  if (byTitle) return byTitle;
  return BY_CATEGORY[(account.Category ?? '').toLowerCase()] ?? 'other';
}
