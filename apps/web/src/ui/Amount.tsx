import { formatMoney, type MoneyOptions } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** An amount of money from integer minor units, in its own currency and the page's language. */
export function Amount({
  minor,
  currency,
  className = '',
  ...options
}: { minor: number; currency: string; className?: string } & MoneyOptions) {
  const { locale } = useI18n();
  return <span className={`amount ${className}`}>{formatMoney(minor, currency, locale, options)}</span>;
}
