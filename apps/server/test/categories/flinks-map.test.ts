import { describe, expect, it } from 'vitest';
import { mapFlinksCategory } from '../../src/categories/flinks.ts';

describe('Flinks’ Broad Categorization onto Passbook’s categories', () => {
  it('maps the primary categories, whatever the spelling of "and", case or spacing', () => {
    expect(mapFlinksCategory('Food and Dining', 'Restaurants')).toBe('restaurants');
    expect(mapFlinksCategory('Food & Dining', 'Fast Food')).toBe('restaurants');
    expect(mapFlinksCategory('FOOD AND DINING', null)).toBe('restaurants');
    expect(mapFlinksCategory('Utilities', 'Electricity')).toBe('bills');
    expect(mapFlinksCategory('Income', 'Paycheck')).toBe('income');
    expect(mapFlinksCategory('Transfers and Adjustments', 'Internal Transfer')).toBe('transfers');
    expect(mapFlinksCategory('Entertainment', 'Gambling')).toBe('entertainment');
  });

  it('lets a SubCategory refine its primary category', () => {
    expect(mapFlinksCategory('Food and Dining', 'Groceries')).toBe('groceries');
    expect(mapFlinksCategory('Home', 'Rent')).toBe('housing');
    expect(mapFlinksCategory('Transfers and Adjustments', 'E-Transfer')).toBe('people');
    expect(mapFlinksCategory('Entertainment', 'Streaming Services')).toBe('subscriptions');
    expect(mapFlinksCategory('Business', 'Payroll')).toBe('business');
  });

  it('leaves to Passbook’s rules what has no counterpart: unknown categories, corrections, nothing at all', () => {
    expect(mapFlinksCategory('Education', 'Books and Supplies')).toBeNull();
    expect(mapFlinksCategory('Something New', 'Restaurants')).toBeNull();
    expect(mapFlinksCategory('Transfers and Adjustments', 'Balance Adjustment')).toBeNull();
    expect(mapFlinksCategory(null, null)).toBeNull();
    expect(mapFlinksCategory('', 'Groceries')).toBeNull();
  });
});
