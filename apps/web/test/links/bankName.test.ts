import { describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n/i18n.tsx';
import { bankName } from '../../src/links/bankName.ts';

const t = (key: Parameters<typeof translate>[1]) => translate('en', key);

describe('bankName', () => {
  it('reads the institution code a link is stored with as words', () => {
    expect(bankName({ institution: 'FlinksCapital' }, t)).toBe('Flinks Capital');
    expect(bankName({ institution: 'Flinks Capital' }, t)).toBe('Flinks Capital');
  });

  it('names a link whose institution is not known yet', () => {
    expect(bankName({ institution: '' }, t)).toBe('Your new bank');
  });
});
