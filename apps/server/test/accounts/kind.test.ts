import { describe, expect, it } from 'vitest';
import { accountKind } from '../../src/accounts/kind.ts';

describe('accountKind', () => {
  it('follows the Flinks Type of a detail answer', () => {
    expect(accountKind({ Type: 'Chequing' })).toBe('chequing');
    expect(accountKind({ Type: 'Savings' })).toBe('savings');
    expect(accountKind({ Type: 'FHSA', Category: 'Products' })).toBe('registered_savings');
    expect(accountKind({ Type: 'TFSA' })).toBe('registered_savings');
    expect(accountKind({ Type: 'CreditCard' })).toBe('credit');
    expect(accountKind({ Type: 'LineOfCredit' })).toBe('credit');
    expect(accountKind({ Type: 'LoanPersonal' })).toBe('credit');
    expect(accountKind({ Type: 'Investment', Category: 'Products' })).toBe('investment');
  });

  it('reads a summary account, which has no Type, from its title, then its category', () => {
    expect(accountKind({ Title: 'First Home Savings Account', Category: 'Products' })).toBe(
      'registered_savings',
    );
    expect(accountKind({ Title: 'Savings CAD', Category: 'Operations' })).toBe('savings');
    expect(accountKind({ Title: 'Credit Card', Category: 'Credits' })).toBe('credit');
    expect(accountKind({ Title: 'Investment Account', Category: 'Products' })).toBe('investment');
    expect(accountKind({ Title: 'Compte 1', Category: 'Operations' })).toBe('chequing');
    expect(accountKind({ Title: 'Something', Category: null })).toBe('other');
  });
});
