import { describe, expect, it } from 'vitest';
import { parseTypedDate } from '../../src/accounts/dateEntry.ts';

describe('dates typed in the filters', () => {
  it('takes the Canadian year-first order in both languages, with any usual separator', () => {
    for (const language of ['en', 'fr'] as const) {
      expect(parseTypedDate('2026-01-31', language)).toBe('2026-01-31');
      expect(parseTypedDate(' 2026/1/5 ', language)).toBe('2026-01-05');
      expect(parseTypedDate('2026.12.01', language)).toBe('2026-12-01');
      expect(parseTypedDate('', language)).toBe('');
    }
  });

  it('takes the day first in French, as Québec writes it by hand', () => {
    expect(parseTypedDate('31/01/2026', 'fr')).toBe('2026-01-31');
    expect(parseTypedDate('5-3-2026', 'fr')).toBe('2026-03-05');
    // In English the order is ambiguous (03/05 is March or May): only the year-first form is read.
    expect(parseTypedDate('31/01/2026', 'en')).toBeNull();
  });

  it('refuses what is no day of the calendar, or not a date yet', () => {
    expect(parseTypedDate('2026-02-30', 'fr')).toBeNull();
    expect(parseTypedDate('31/13/2026', 'fr')).toBeNull();
    expect(parseTypedDate('0000-01-01', 'en')).toBeNull();
    expect(parseTypedDate('2026-01', 'en')).toBeNull();
    expect(parseTypedDate('hier', 'fr')).toBeNull();
  });
});
