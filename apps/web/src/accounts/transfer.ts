/**
 * A transfer between two of the person's accounts reads as one movement of their own money ("Transfer to
 * Savings CAD ···1234"), never as spending on one side and income on the other.
 */
import type { Account, Transaction } from '@passbook/contracts';
import type { I18n } from '../i18n/i18n.tsx';
import { maskDigits } from './grouping.ts';

export type TransferPeer = Pick<Account, 'id' | 'title' | 'mask'>;

/** The other account of a paired transfer, when it is one of those the person can see. */
export function transferPeer(
  transaction: Pick<Transaction, 'transferAccountId'>,
  accounts: ReadonlyMap<string, TransferPeer>,
): TransferPeer | null {
  return transaction.transferAccountId === null
    ? null
    : (accounts.get(transaction.transferAccountId) ?? null);
}

export function transferLabel(
  transaction: Pick<Transaction, 'amount'>,
  peer: TransferPeer,
  t: I18n['t'],
): string {
  const digits = maskDigits(peer.mask);
  const account = digits ? `${peer.title} ···${digits}` : peer.title;
  return t(transaction.amount < 0 ? 'tx.transferTo' : 'tx.transferFrom', { account });
}
