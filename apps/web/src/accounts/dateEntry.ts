/**
 * Dates typed as people write them. Chromium's native date field writes dates in the operating system's
 * order (mm/dd/yyyy on an English system), whatever the page's language or `lang`: a French page would ask a
 * Québec reader for an American date. The filters use a text field instead, in the Canadian order both
 * languages print (AAAA-MM-JJ / YYYY-MM-DD, as Intl's fr-CA and en-CA short dates do); in French it also takes
 * the day first (31/01/2026, 31-01-2026, 31.01.2026), as many write it by hand.
 */
import type { Language } from '@passbook/contracts';

const YEAR_FIRST = /^(\d{4})[-/.\s](\d{1,2})[-/.\s](\d{1,2})$/;
const DAY_FIRST = /^(\d{1,2})[-/.\s](\d{1,2})[-/.\s](\d{4})$/;

/** The pattern shown to the reader, in their words. */
export const DATE_PATTERN: Record<Language, string> = { en: 'YYYY-MM-DD', fr: 'AAAA-MM-JJ' };

function iso(year: string, month: string, day: string): string | null {
  const text = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const time = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(time) || !new Date(time).toISOString().startsWith(text) || year === '0000') return null;
  return text;
}

/**
 * The ISO date a typed text means, `''` for an empty field, or null for text that is not a date (yet): the
 * field then says so and the filter keeps its last good value.
 */
export function parseTypedDate(text: string, language: Language): string | null {
  const typed = text.trim();
  if (typed === '') return '';
  const yearFirst = YEAR_FIRST.exec(typed);
  if (yearFirst) return iso(yearFirst[1] ?? '', yearFirst[2] ?? '', yearFirst[3] ?? '');
  const dayFirst = language === 'fr' ? DAY_FIRST.exec(typed) : null;
  if (dayFirst) return iso(dayFirst[3] ?? '', dayFirst[2] ?? '', dayFirst[1] ?? '');
  return null;
}
