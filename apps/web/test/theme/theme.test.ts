import { describe, expect, it } from 'vitest';
import { parsePreference, resolveTheme } from '../../src/theme/theme.tsx';

describe('the theme', () => {
  it('follows the system until a choice is stored', () => {
    expect(resolveTheme(parsePreference(null), true)).toBe('dark');
    expect(resolveTheme(parsePreference(null), false)).toBe('light');
    expect(resolveTheme(parsePreference('garbage'), true)).toBe('dark');
  });

  it('keeps the stored choice whatever the system says', () => {
    expect(resolveTheme(parsePreference('light'), true)).toBe('light');
    expect(resolveTheme(parsePreference('dark'), false)).toBe('dark');
  });
});
