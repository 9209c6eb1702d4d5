import { describe, expect, it } from 'vitest';
import {
  formatCalendarDate,
  formatElapsed,
  formatMoney,
  formatRelative,
  formatRetryTime,
  minorDigits,
  minorToDecimal,
} from '../../src/i18n/format.ts';

// Intl separates groups and currency signs with (narrow) no-break spaces in French; compare on plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('minorToDecimal', () => {
  it('writes minor units as an exact decimal string for the currency’s digits', () => {
    expect(minorToDecimal(123456, 2)).toBe('1234.56');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
    expect(minorToDecimal(0, 2)).toBe('0.00');
    expect(minorToDecimal(1234, 0)).toBe('1234');
    expect(minorToDecimal(1234, 3)).toBe('1.234');
  });

  it('keeps every cent of amounts too large for a binary fraction to hold exactly', () => {
    expect(minorToDecimal(9_007_199_254_740_991, 2)).toBe('90071992547409.91');
  });

  it('refuses an amount that is not a whole number of minor units', () => {
    expect(() => minorToDecimal(12.5, 2)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('uses the currency’s own minor digits', () => {
    expect(minorDigits('CAD')).toBe(2);
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(formatMoney(1500, 'JPY', 'en-CA')).toBe('JP¥1,500');
  });

  it('formats CAD and USD in Canadian English, telling the two dollars apart', () => {
    expect(formatMoney(123456, 'CAD', 'en-CA')).toBe('$1,234.56');
    expect(formatMoney(123456, 'USD', 'en-CA')).toBe('US$1,234.56');
    expect(formatMoney(-4599, 'CAD', 'en-CA')).toBe('-$45.99');
  });

  it('formats CAD and USD in Canadian French', () => {
    expect(plain(formatMoney(123456, 'CAD', 'fr-CA'))).toBe('1 234,56 $');
    expect(plain(formatMoney(123456, 'USD', 'fr-CA'))).toBe('1 234,56 $ US');
  });

  it('does not drift on amounts whose float division would (0.1 + 0.2 style)', () => {
    expect(formatMoney(30, 'CAD', 'en-CA')).toBe('$0.30');
    expect(formatMoney(100_000_000_000_01, 'CAD', 'en-CA')).toBe('$100,000,000,000.01');
  });

  it('can sign credits explicitly', () => {
    expect(formatMoney(2500, 'CAD', 'en-CA', { signDisplay: 'always' })).toBe('+$25.00');
  });
});

describe('formatCalendarDate', () => {
  it('formats a bank date as the same calendar day whatever the reader’s time zone', () => {
    // 1 January at midnight UTC is still 31 December in the Americas: the day must not move.
    expect(formatCalendarDate('2026-01-01', 'en-CA', 'long')).toBe('January 1, 2026');
    expect(formatCalendarDate('2026-01-01', 'fr-CA', 'long')).toBe('1 janvier 2026');
  });

  it('leaves anything that is not a calendar date as it came', () => {
    expect(formatCalendarDate('yesterday', 'en-CA')).toBe('yesterday');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  it('says how long ago in the reader’s language', () => {
    expect(formatRelative('2026-03-10T11:55:00Z', now, 'en-CA')).toBe('5 minutes ago');
    expect(formatRelative('2026-03-10T11:55:00Z', now, 'fr-CA')).toBe('il y a 5 minutes');
    expect(formatRelative('2026-03-09T12:00:00Z', now, 'en-CA')).toBe('yesterday');
    expect(formatRelative('2026-03-10T11:59:50Z', now, 'en-CA')).toBe('now');
  });
});

describe('formatElapsed', () => {
  it('shows minutes and seconds', () => {
    expect(formatElapsed(5, 'en-CA')).toBe('5 secs');
    expect(formatElapsed(125, 'en-CA')).toBe('2 mins 5 secs');
    expect(plain(formatElapsed(125, 'fr-CA'))).toBe('2 min 5 s');
    expect(formatElapsed(3725, 'en-CA')).toBe('1 hr 2 mins 5 secs');
    expect(formatElapsed(-3, 'en-CA')).toBe('0 secs');
  });
});

describe('formatRetryTime', () => {
  const now = Date.parse('2026-12-01T20:30:00Z');
  it('says today, tomorrow or the date, in the reader’s time zone, 24-hour in French', () => {
    const at = (iso: string, locale: string, zone: string) => {
      const { day, time, date } = formatRetryTime(iso, now, locale, zone);
      // The time never breaks across lines.
      expect(time).not.toContain(' ');
      return { day, time: plain(time), date: plain(date) };
    };
    expect(at('2026-12-01T19:00:00Z', 'fr-CA', 'America/Toronto')).toMatchObject({
      day: 'today',
      time: '14 h 00',
    });
    expect(at('2026-12-02T19:00:00Z', 'en-CA', 'America/Toronto')).toMatchObject({
      day: 'tomorrow',
      time: '2:00 p.m.',
    });
    // 20:30 UTC is already the next day in Tokyo: 19:00 UTC the day after is tomorrow there.
    expect(at('2026-12-02T19:00:00Z', 'fr-CA', 'Asia/Tokyo')).toMatchObject({
      day: 'tomorrow',
      time: '4 h 00',
    });
    expect(at('2026-12-05T13:15:00Z', 'fr-CA', 'UTC')).toEqual({
      day: 'later',
      time: '13 h 15',
      date: '5 décembre',
    });
  });
});
