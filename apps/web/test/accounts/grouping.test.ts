import type { Account, AccountKind } from '@passbook/contracts';
import { describe, expect, it } from 'vitest';
import { accountGroup, groupAccounts, maskDigits, totalsByCurrency } from '../../src/accounts/grouping.ts';

let n = 0;
const KINDS: Record<string, AccountKind> = {
  Chequing: 'chequing',
  Savings: 'savings',
  FHSA: 'registered_savings',
  CreditCard: 'credit',
  LineOfCredit: 'credit',
  LoanPersonal: 'credit',
  Investment: 'investment',
};

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
    kind: KINDS[type] ?? 'other',
    currency,
    mask: '1111000',
    balance: { current, available: null, limit: null },
    transactionCount: 0,
    updatedAt: '2026-03-10T12:00:00Z',
  };
}

describe('account groups', () => {
  it('groups by the kind the server decided: an FHSA with savings, investments apart, loans apart from cards', () => {
    expect(accountGroup({ kind: 'chequing', type: 'Chequing' })).toBe('deposit');
    expect(accountGroup({ kind: 'savings', type: 'Savings' })).toBe('deposit');
    expect(accountGroup({ kind: 'registered_savings', type: 'FHSA' })).toBe('deposit');
    expect(accountGroup({ kind: 'credit', type: 'CreditCard' })).toBe('credit');
    expect(accountGroup({ kind: 'credit', type: 'LineOfCredit' })).toBe('credit');
    expect(accountGroup({ kind: 'credit', type: 'LoanPersonal' })).toBe('loan');
    expect(accountGroup({ kind: 'credit', type: 'Mortgage' })).toBe('loan');
    expect(accountGroup({ kind: 'investment', type: 'Investment' })).toBe('investment');
    expect(accountGroup({ kind: 'other', type: 'Unheardof' })).toBe('other');
  });

  it('counts investments and registered savings as assets, cards and lines of credit as owed', () => {
    const [cad] = totalsByCurrency([
      {
        accounts: [
          account('Chequing', 'CAD', 100_00),
          account('FHSA', 'CAD', 50_00),
          account('Investment', 'CAD', 1_000_00),
          account('CreditCard', 'CAD', 30_00),
          account('LineOfCredit', 'CAD', 200_00),
        ],
      },
    ]);
    expect(cad).toEqual({ currency: 'CAD', assets: 1_150_00, owed: 230_00, accounts: 5 });
  });

  it('shows the last four of a masked card number', () => {
    expect(maskDigits('420024******4242')).toBe('4242');
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
