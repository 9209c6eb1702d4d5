import { describe, expect, it } from 'vitest';
import { dayAt, formatDay, formatLastRefresh } from '../../src/generator/calendar.ts';
import { generateLoginData } from '../../src/generator/generate.ts';
import { Random } from '../../src/generator/random.ts';

const CONNECTED = Date.parse('2026-03-14T15:09:26Z');
const DAY = 86_400_000;

describe('Random', () => {
  it('is a pure function of its seed', () => {
    const draw = (seed: string) => {
      const random = new Random(seed);
      return [random.next(), random.int(1, 6), random.guid()];
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('makes version-4 GUIDs', () => {
    const random = new Random('guids');
    for (let i = 0; i < 200; i++) {
      expect(random.guid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe('calendar', () => {
  it("dates instants on the bank's day in Montréal", () => {
    expect(formatDay(dayAt(Date.parse('2026-03-15T03:30:00Z')))).toBe('2026-03-14');
    expect(formatDay(dayAt(Date.parse('2026-03-15T05:30:00Z')))).toBe('2026-03-15');
  });

  it('writes LastRefresh in UTC without Z and with seven fractional digits', () => {
    expect(formatLastRefresh(Date.parse('2019-05-09T13:47:46.522Z'), 7901)).toBe(
      '2019-05-09T13:47:46.5227901',
    );
  });
});

describe('generateLoginData', () => {
  const history = { loginId: 'b1946ac9-2492-4d2f-9c4e-3a7a4e1f0c11', profile: 'standard' as const };

  it('generates the same data for the same LoginId and refresh dates', () => {
    const first = generateLoginData({ ...history, refreshTimes: [CONNECTED, CONNECTED + 3 * DAY] });
    const second = generateLoginData({ ...history, refreshTimes: [CONNECTED, CONNECTED + 3 * DAY] });
    expect(second).toEqual(first);
  });

  it('generates different data for another LoginId', () => {
    const first = generateLoginData({ ...history, refreshTimes: [CONNECTED] });
    const other = generateLoginData({ ...history, loginId: 'other', refreshTimes: [CONNECTED] });
    expect(other.accounts[0]?.transactions[0]?.id).not.toBe(first.accounts[0]?.transactions[0]?.id);
  });

  it('covers a year up to the connection day', () => {
    const { accounts } = generateLoginData({ ...history, refreshTimes: [CONNECTED] });
    const chequing = accounts[0]?.transactions ?? [];
    const newest = chequing.at(-1)?.day ?? 0;
    expect(formatDay(newest)).toBe('2026-03-14');
    expect(newest - (chequing[0]?.day ?? newest)).toBeGreaterThanOrEqual(364);
  });

  it('a refresh appends the days since the previous one and keeps earlier transactions identical', () => {
    const before = generateLoginData({ ...history, refreshTimes: [CONNECTED] });
    const after = generateLoginData({ ...history, refreshTimes: [CONNECTED, CONNECTED + 5 * DAY] });
    for (const [index, account] of before.accounts.entries()) {
      const later = after.accounts[index];
      expect(later?.transactions.slice(0, account.transactions.length)).toEqual(account.transactions);
    }
    const added = after.accounts[0]?.transactions.slice(before.accounts[0]?.transactions.length) ?? [];
    expect(new Set(added.map((t) => formatDay(t.day))).size).toBeGreaterThanOrEqual(4);
    expect(formatDay(added.at(-1)?.day ?? 0)).toBe('2026-03-19');
  });

  it('a refresh on the same day still adds transactions dated that day', () => {
    const before = generateLoginData({ ...history, refreshTimes: [CONNECTED] });
    const after = generateLoginData({ ...history, refreshTimes: [CONNECTED, CONNECTED + 60_000] });
    const added = after.accounts[0]?.transactions.slice(before.accounts[0]?.transactions.length) ?? [];
    expect(added.length).toBeGreaterThanOrEqual(2);
    expect(added.every((t) => formatDay(t.day) === '2026-03-14')).toBe(true);
  });

  it('keeps amounts in whole cents and balances within reason', () => {
    const { accounts } = generateLoginData({ ...history, refreshTimes: [CONNECTED] });
    for (const account of accounts) {
      for (const t of account.transactions) {
        for (const amount of [t.debit, t.credit, t.balance])
          if (amount !== null) expect(Number.isInteger(amount)).toBe(true);
      }
      if (account.owed && account.limit !== null) expect(account.current).toBeLessThan(account.limit);
      else expect(Math.min(...account.transactions.map((t) => t.balance))).toBeGreaterThan(0);
    }
  });
});
