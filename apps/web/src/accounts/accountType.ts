import type { MessageKey } from '../i18n/en.ts';

const KNOWN_TYPES = [
  'Chequing',
  'Savings',
  'CreditCard',
  'LineOfCredit',
  'Mortgage',
  'LoanPersonal',
  'Loan',
  'RRSP',
  'TFSA',
  'RESP',
  'Investment',
] as const;

/** Flinks' account type in the reader's language; a type we do not know is shown as Flinks wrote it. */
export function accountTypeLabel(type: string, t: (key: MessageKey) => string): string {
  const known = KNOWN_TYPES.find((candidate) => candidate.toLowerCase() === type.toLowerCase());
  return known ? t(`accountType.${known}`) : type;
}
