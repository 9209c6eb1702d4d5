/**
 * A dictionary-based translation layer: the language follows the browser until the person picks one, the
 * choice is remembered, and `<html lang>` always says which language the page is in. English is built in; French
 * is a chunk of its own, loaded before the first render when it is the page's language, or when chosen.
 */
import type { Language } from '@passbook/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en, type MessageKey } from './en.ts';
import { formatNumber } from './format.ts';

type Dictionary = Record<MessageKey, string>;

const DICTIONARIES: Partial<Record<Language, Dictionary>> = { en };

const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<Dictionary>> = {
  fr: () => import('./fr.ts').then((module) => module.fr),
};

export function isDictionaryLoaded(language: Language): boolean {
  return DICTIONARIES[language] !== undefined;
}

/** Makes a language's words available; until they are, its pages read in English. */
export async function loadDictionary(language: Language): Promise<void> {
  if (language === 'en' || isDictionaryLoaded(language)) return;
  DICTIONARIES[language] = await LOADERS[language]();
}

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
  return interpolate((DICTIONARIES[language] ?? en)[key], params);
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

/** The language a page opens in: the person's earlier choice, else the browser's. */
export function initialLanguage(): Language {
  return detectLanguage(readStoredLanguage(), navigator.languages ?? [navigator.language]);
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
  const [language, setLanguageState] = useState<Language>(() => initial ?? initialLanguage());
  // Words of a language not loaded yet (the page opened without them): shown once they arrive.
  const [, setLoaded] = useState(0);

  useEffect(() => {
    document.documentElement.lang = LOCALES[language];
    if (!isDictionaryLoaded(language)) {
      void loadDictionary(language).then(() => setLoaded((n) => n + 1));
    }
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // Private modes may refuse storage: the choice then lasts for this visit only.
    }
    // The page changes language once it has the words, rather than showing a mix.
    void loadDictionary(next).then(() => setLanguageState(next));
  }, []);

  const ready = isDictionaryLoaded(language);
  const value = useMemo<I18n>(() => {
    const words = ready ? language : 'en';
    return {
      language,
      locale: LOCALES[language],
      t: (key, params) => translate(words, key, params),
      tn: (base, count, params) => translatePlural(words, base, count, params),
      setLanguage,
    };
  }, [language, ready, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
