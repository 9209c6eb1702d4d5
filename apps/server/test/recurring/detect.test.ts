/**
 * Recurring payments from repeats: on the emulator's generated year (rent, pay, phone, streaming found; coffee,
 * groceries and transfers not) and on hand-built histories: a missed month, a moved payment, a price that
 * drifts, two subscriptions at one merchant, a subscription that ended.
 */
import type { CategoryKey } from '@passbook/contracts';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../../../packages/flinks-sandbox/src/generator/calendar.ts';
import { generateLoginData } from '../../../../packages/flinks-sandbox/src/generator/generate.ts';
import { categorizeDescription } from '../../src/categories/builtin.ts';
import { detectRecurring, type HistoryTransaction } from '../../src/recurring/detect.ts';

let sequence = 0;
function charge(date: string, amount: number, merchant = 'Netflix', category: CategoryKey = 'subscriptions') {
  sequence += 1;
  return { id: `t${String(sequence).padStart(4, '0')}`, date, amount, currency: 'CAD', merchant, category };
}

/** The 9th of every month from January to `months` months later. */
function monthly(months: number, amount: number, merchant?: string, day = 9): HistoryTransaction[] {
  return Array.from({ length: months }, (_, index) =>
    charge(`2026-${String(index + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`, amount, merchant),
  );
}

describe('recurring payments on hand-built histories', () => {
  it('finds a monthly subscription with its next date and amount', () => {
    const [series, ...others] = detectRecurring(monthly(6, -2099), '2026-06-20');
    expect(others).toEqual([]);
    expect(series).toMatchObject({
      merchant: 'Netflix',
      cadence: 'monthly',
      direction: 'out',
      occurrences: 6,
      missed: 0,
      lastDate: '2026-06-09',
      nextDate: '2026-07-09',
      amount: 2099,
      nextAmount: 2099,
    });
  });

  it('keeps the series through a missed month and a payment moved by a few days', () => {
    const history = monthly(7, -6500, 'Bell').filter(
      (transaction) => !transaction.date.startsWith('2026-04'),
    );
    const moved = history.map((transaction) =>
      transaction.date === '2026-05-09' ? { ...transaction, date: '2026-05-13' } : transaction,
    );
    const [series] = detectRecurring(moved, '2026-07-15');
    expect(series).toMatchObject({ merchant: 'Bell', cadence: 'monthly', occurrences: 6, missed: 1 });
    expect(series?.nextDate).toBe('2026-08-09');
  });

  it('follows a price that drifts up, and expects the latest price next', () => {
    const amounts = [-1499, -1499, -1599, -1599, -1699, -1699];
    const history = amounts.map((amount, index) => charge(`2026-0${index + 1}-14`, amount, 'Spotify'));
    const found = detectRecurring(history, '2026-06-20');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ occurrences: 6, nextAmount: 1699, amount: 1699 });
  });

  it('tells two subscriptions at one merchant apart by their amounts', () => {
    const history = [...monthly(5, -299, 'Apple', 3), ...monthly(5, -1499, 'Apple', 21)];
    const found = detectRecurring(history, '2026-05-25');
    expect(found.map((series) => [series.merchant, series.amount, series.nextDate])).toEqual([
      ['Apple', 299, '2026-06-03'],
      ['Apple', 1499, '2026-06-21'],
    ]);
  });

  it('finds pay every other week as income', () => {
    const history = Array.from({ length: 8 }, (_, index) =>
      charge(
        new Date(Date.UTC(2026, 0, 8 + index * 14)).toISOString().slice(0, 10),
        250_000 + index * 100,
        'Acme',
        'income',
      ),
    );
    expect(detectRecurring(history, '2026-04-20')[0]).toMatchObject({ cadence: 'biweekly', direction: 'in' });
  });

  it('ignores what only repeats by chance, what ended, and transfers between one’s own accounts', () => {
    const coffee = ['01-02', '01-03', '01-07', '01-08', '01-09', '01-15', '01-16', '01-22'].map((day) =>
      charge(`2026-${day}`, -450, 'Tim Hortons', 'restaurants'),
    );
    const ended = monthly(4, -1099, 'Crave');
    const transfers = monthly(6, -30_000, 'Transfer to Savings').map((t) => ({
      ...t,
      category: 'transfers' as const,
    }));
    const twice = monthly(2, -4000, 'Gym');
    expect(detectRecurring([...coffee, ...ended, ...transfers, ...twice], '2026-08-01')).toEqual([]);
  });
});

describe('recurring payments on the generated year', () => {
  const connectedAt = Date.UTC(2026, 10, 30, 15);

  /** A login's generated year, categorised as the server stores it. */
  function historyOf(loginId: string): HistoryTransaction[] {
    const year = generateLoginData({ loginId, profile: 'standard', refreshTimes: [connectedAt] });
    return year.accounts.flatMap((account) =>
      account.transactions.map((transaction) => {
        const amount = (transaction.credit ?? 0) - (transaction.debit ?? 0);
        const { merchant, category } = categorizeDescription(transaction.description, amount);
        const date = formatDay(transaction.day);
        return { id: transaction.id, date, amount, currency: account.currency, merchant, category };
      }),
    );
  }

  const found = detectRecurring(historyOf('recurring-test-login'), '2026-11-30');
  const named = (merchant: string) => found.filter((series) => series.merchant === merchant);

  it('finds rent, pay, phone, internet, transit and streaming, each once', () => {
    expect(named('Gestion Immobiliere Plateau')).toMatchObject([{ cadence: 'monthly', direction: 'out' }]);
    expect(named('Northwind Technologies Inc')).toMatchObject([{ cadence: 'biweekly', direction: 'in' }]);
    expect(named('Bell')).toMatchObject([{ cadence: 'monthly', amount: 6500 }]);
    expect(named('Vidéotron')).toMatchObject([{ cadence: 'monthly' }]);
    expect(named('STM')).toMatchObject([{ cadence: 'monthly', amount: 9700 }]);
    expect(named('Netflix')).toMatchObject([{ cadence: 'monthly', amount: 2099, nextDate: '2026-12-09' }]);
    expect(named('Spotify')).toMatchObject([{ cadence: 'monthly', amount: 1199, nextDate: '2026-12-14' }]);
    // Heating makes the winter bills three times the summer ones: still one series.
    expect(named('Hydro-Québec')).toMatchObject([{ cadence: 'monthly', occurrences: 12 }]);
  });

  it('finds no series among coffees, groceries, errands, e-Transfers or own-account transfers, whoever the login', () => {
    const chance = ['restaurants', 'groceries', 'health', 'people', 'transfers', 'cash', 'shopping'];
    for (const loginId of [
      'recurring-a',
      'recurring-b',
      'recurring-c',
      'recurring-d',
      'recurring-e',
      'recurring-f',
    ]) {
      for (const series of detectRecurring(historyOf(loginId), '2026-11-30')) {
        expect(chance, `${loginId}: ${series.merchant}`).not.toContain(series.category);
      }
    }
  });
});
