import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { fr } from '../../src/i18n/fr.ts';
import {
  detectLanguage,
  interpolate,
  loadDictionary,
  translate,
  translatePlural,
} from '../../src/i18n/i18n.tsx';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the dictionaries', () => {
  beforeAll(() => loadDictionary('fr'));

  it('load French on demand, English being built in', () => {
    expect(translate('fr', 'app.loading')).toBe(fr['app.loading']);
    expect(translate('en', 'app.loading')).toBe(en['app.loading']);
  });

  it('have exactly the same keys in English and French', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty message', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(fr)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('have both plural forms wherever one exists', () => {
    for (const key of Object.keys(en)) {
      if (key.endsWith('.one')) expect(Object.keys(en), key).toContain(key.replace(/\.one$/, '.other'));
    }
  });
});

describe('translation', () => {
  it('fills placeholders and keeps unknown ones visible', () => {
    expect(interpolate('Remove {bank}?', { bank: 'Flinks Capital' })).toBe('Remove Flinks Capital?');
    expect(interpolate('Hello {name}', {})).toBe('Hello {name}');
  });

  it('chooses plural forms by language: French treats 0 and 1 as singular', () => {
    expect(translatePlural('en', 'tx.count', 1)).toBe('1 transaction');
    expect(translatePlural('en', 'tx.count', 0)).toBe('0 transactions');
    expect(translatePlural('fr', 'tx.count', 0)).toBe('0 opération');
    expect(translatePlural('fr', 'tx.count', 1)).toBe('1 opération');
    expect(translatePlural('en', 'tx.count', 50000)).toBe('50,000 transactions');
    expect(translatePlural('fr', 'tx.count', 50000).replace(/\s/g, ' ')).toBe('50 000 opérations');
  });
});

describe('detectLanguage', () => {
  it('keeps a stored choice over the browser’s languages', () => {
    expect(detectLanguage('fr', ['en-US'])).toBe('fr');
    expect(detectLanguage('en', ['fr-CA'])).toBe('en');
  });

  it('follows the first supported browser language, and falls back to English', () => {
    expect(detectLanguage(null, ['fr-CA', 'en'])).toBe('fr');
    expect(detectLanguage(null, ['de-DE', 'fr'])).toBe('fr');
    expect(detectLanguage(null, ['de-DE'])).toBe('en');
    expect(detectLanguage('es', undefined)).toBe('en');
  });
});
