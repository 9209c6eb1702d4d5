import { describe, expect, it } from 'vitest';
import { maskUsername } from '../../src/links/username.ts';

describe('maskUsername', () => {
  it('keeps the first two and last two characters of a username, never the rest', () => {
    expect(maskUsername('greatday_nomfa')).toBe('gr•••fa');
    expect(maskUsername(' Greatday ')).toBe('Gr•••ay');
  });

  it('keeps only the first character of a short username, and nothing of an empty one', () => {
    expect(maskUsername('abcd')).toBe('a•••');
    expect(maskUsername('')).toBeNull();
    expect(maskUsername(null)).toBeNull();
  });
});
