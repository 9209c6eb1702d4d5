import type { BalancePoint } from '@passbook/contracts';
import type { DailyTotals } from './repository.ts';

/**
 * One closing balance per day that had transactions, oldest first. A day's closing balance is the running
 * balance the bank reported after its last transaction; where the bank reported none, it is derived backwards
 * from the next known closing balance (for the newest day, the account's current balance) and the day's amounts.
 */
export function balanceHistory(days: readonly DailyTotals[], currentBalance: number | null): BalancePoint[] {
  const points: BalancePoint[] = [];
  // The closing balance of the day before the one just visited, when known.
  let carried: number | null = currentBalance;
  for (const day of [...days].reverse()) {
    const closing = day.closing ?? carried;
    if (closing === null) {
      carried = null;
      continue;
    }
    points.push({ date: day.date, balance: closing });
    carried = closing - day.net;
  }
  return points.reverse();
}
