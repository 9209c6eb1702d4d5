/** The numbers a month of spending is read by: how it compares with the month before and the months before. */

export interface MonthComparison {
  /** The last month's amount. */
  current: number;
  previous: number;
  /** current / previous − 1; null when the month before had nothing to compare with. */
  changeFromPrevious: number | null;
  /** The average of the months before the last that had spending; null when none had. */
  average: number | null;
  monthsAveraged: number;
}

/** `amounts` are oldest first, the last being the month looked at. */
export function compareMonths(amounts: readonly number[]): MonthComparison {
  const current = amounts.at(-1) ?? 0;
  const previous = amounts.at(-2) ?? 0;
  const before = amounts.slice(0, -1).filter((amount) => amount !== 0);
  return {
    current,
    previous,
    changeFromPrevious: previous > 0 ? current / previous - 1 : null,
    average:
      before.length > 0 ? Math.round(before.reduce((sum, amount) => sum + amount, 0) / before.length) : null,
    monthsAveraged: before.length,
  };
}
