import type { Account } from '@passbook/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { accountTypeLabel } from './accountType.ts';
import { maskDigits } from './grouping.ts';

/**
 * "Chequing · •••• 1000": the account's type in the reader's language and the last digits of its number, which
 * a screen reader hears as words rather than as dots.
 */
export function AccountKind({ account }: { account: Pick<Account, 'type' | 'mask'> }) {
  const { t } = useI18n();
  const digits = maskDigits(account.mask);
  return (
    <>
      {accountTypeLabel(account.type, t)}
      {digits ? (
        <>
          {' · '}
          <span aria-hidden="true" className="amount">
            •••• {digits}
          </span>
          <span className="sr-only">{t('account.mask', { digits })}</span>
        </>
      ) : null}
    </>
  );
}
