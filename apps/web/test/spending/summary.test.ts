/** How a month of spending compares with the month before and with the average of the months before. */
import { describe, expect, it } from 'vitest';
import { compareMonths } from '../../src/spending/summary.ts';

describe('compareMonths', () => {
  it('compares the last month with the one before and with the average of the earlier months that had any', () => {
    expect(compareMonths([10_000, 0, 20_000, 15_000])).toEqual({
      current: 15_000,
      previous: 20_000,
      changeFromPrevious: -0.25,
      average: 15_000,
      monthsAveraged: 2,
    });
  });

  it('has no change to show when the month before had nothing, and no average without earlier months', () => {
    expect(compareMonths([0, 4_500])).toMatchObject({
      changeFromPrevious: null,
      average: null,
      monthsAveraged: 0,
    });
    expect(compareMonths([])).toMatchObject({ current: 0, previous: 0, changeFromPrevious: null });
  });
});
