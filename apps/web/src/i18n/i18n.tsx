/**
 * A dictionary-based translation layer: the language follows the browser until the person picks one, the
 * choice is remembered, and `<html lang>` always says which language the page is in.
 */
import type { Language } from '@passbook/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en, type MessageKey } from './en.ts';
import { formatNumber } from './format.ts';
import { fr } from './fr.ts';

export const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, fr };

/** Intl locales: Canadian conventions, as the banks Flinks reaches are Canadian. */
export const LOCALES: Record<Language, string> = { en: 'en-CA', fr: 'fr-CA' };

export const LANGUAGE_STORAGE_KEY = 'passbook.language';

export type Params = Record<string, string | number>;

/** Replaces `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translate(language: Language, key: MessageKey, params?: Params): string {
  return interpolate(DICTIONARIES[language][key], params);
}

/** Plural keys are written `<base>.one` / `<base>.other`. */
type PluralBase = {
  [K in MessageKey]: K extends `${infer Base}.other`
    ? `${Base}.one` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

const pluralRules = new Map<Language, Intl.PluralRules>();

export function translatePlural(
  language: Language,
  base: PluralBase,
  count: number,
  params: Params = {},
): string {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(LOCALES[language]);
    pluralRules.set(language, rules);
  }
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return translate(language, `${base}.${form}` as MessageKey, {
    ...params,
    count: formatNumber(count, LOCALES[language]),
  });
}

export function detectLanguage(
  stored: string | null,
  browserLanguages: readonly string[] | undefined,
): Language {
  if (stored === 'en' || stored === 'fr') return stored;
  for (const tag of browserLanguages ?? []) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'fr' || primary === 'en') return primary;
  }
  return 'en';
}

function readStoredLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

export interface I18n {
  language: Language;
  /** The Intl locale for numbers and dates. */
  locale: string;
  t: (key: MessageKey, params?: Params) => string;
  tn: (base: PluralBase, count: number, params?: Params) => string;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguageState] = useState<Language>(
    () => initial ?? detectLanguage(readStoredLanguage(), navigator.languages ?? [navigator.language]),
  );

  useEffect(() => {
    document.documentElement.lang = LOCALES[language];
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // Private modes may refuse storage: the choice then lasts for this visit only.
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({
      language,
      locale: LOCALES[language],
      t: (key, params) => translate(language, key, params),
      tn: (base, count, params) => translatePlural(language, base, count, params),
      setLanguage,
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
