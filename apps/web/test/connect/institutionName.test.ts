import { describe, expect, it } from 'vitest';
import { institutionName } from '../../src/connect/institutionName.ts';

describe('institutionName', () => {
  it('turns Connect’s institution codes into words', () => {
    expect(institutionName('FlinksCapital')).toBe('Flinks Capital');
    expect(institutionName('NationalBank')).toBe('National Bank');
    expect(institutionName('RBC')).toBe('RBC');
    expect(institutionName('Desjardins')).toBe('Desjardins');
  });

  it('has nothing to say about a missing institution', () => {
    expect(institutionName(null)).toBeNull();
    expect(institutionName('  ')).toBeNull();
  });
});
