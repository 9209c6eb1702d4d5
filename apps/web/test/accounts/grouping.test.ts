import type { Account } from '@passbook/contracts';
import { describe, expect, it } from 'vitest';
import { accountGroup, groupAccounts, maskDigits, totalsByCurrency } from '../../src/accounts/grouping.ts';

let n = 0;
function account(
  type: string,
  currency: string,
  current: number | null,
  category: string | null = null,
): Account {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    linkId: '00000000-0000-4000-8000-000000000000',
    title: `${type} ${n}`,
    type,
    category,
    currency,
    mask: '1111000',
    holderName: null,
    balance: { current, available: null, limit: null },
    transactionCount: 0,
    updatedAt: '2026-03-10T12:00:00Z',
  };
}

describe('account groups', () => {
  it('groups by Flinks type, falling back on the category', () => {
    expect(accountGroup({ type: 'Chequing', category: 'Operations' })).toBe('deposit');
    expect(accountGroup({ type: 'Savings', category: null })).toBe('deposit');
    expect(accountGroup({ type: 'CreditCard', category: 'Credits' })).toBe('credit');
    expect(accountGroup({ type: 'LineOfCredit', category: null })).toBe('credit');
    expect(accountGroup({ type: 'LoanPersonal', category: null })).toBe('loan');
    expect(accountGroup({ type: 'Mortgage', category: 'Credits' })).toBe('loan');
    expect(accountGroup({ type: 'TFSA', category: 'Products' })).toBe('investment');
    expect(accountGroup({ type: 'Unheardof', category: 'Credits' })).toBe('credit');
    expect(accountGroup({ type: 'Unheardof', category: null })).toBe('other');
  });

  it('lists groups in a fixed order and leaves out empty ones', () => {
    const groups = groupAccounts([account('CreditCard', 'CAD', 1), account('Chequing', 'CAD', 1)]);
    expect(groups.map((g) => g.group)).toEqual(['deposit', 'credit']);
  });
});

describe('totalsByCurrency', () => {
  it('never adds one currency to another', () => {
    const totals = totalsByCurrency([
      { accounts: [account('Chequing', 'CAD', 100_00), account('Savings', 'USD', 50_00)] },
      { accounts: [account('Savings', 'CAD', 25_50)] },
    ]);
    expect(totals).toEqual([
      { currency: 'CAD', assets: 125_50, owed: 0, accounts: 2 },
      { currency: 'USD', assets: 50_00, owed: 0, accounts: 1 },
    ]);
  });

  it('counts cards and loans as owed, whatever sign the bank gave them', () => {
    const totals = totalsByCurrency([
      {
        accounts: [
          account('Chequing', 'CAD', 1000_00),
          account('CreditCard', 'CAD', -250_00),
          account('LoanPersonal', 'CAD', 4000_00),
        ],
      },
    ]);
    expect(totals).toEqual([{ currency: 'CAD', assets: 1000_00, owed: 4250_00, accounts: 3 }]);
  });

  it('skips accounts without a balance', () => {
    expect(totalsByCurrency([{ accounts: [account('Chequing', 'CAD', null)] }])).toEqual([]);
  });
});

describe('maskDigits', () => {
  it('shows at most the last four characters', () => {
    expect(maskDigits('1111000')).toBe('1000');
    expect(maskDigits('****1234')).toBe('1234');
    expect(maskDigits('42')).toBe('42');
    expect(maskDigits(null)).toBeNull();
    expect(maskDigits('***')).toBeNull();
  });
});
