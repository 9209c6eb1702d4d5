import { describe, expect, it } from 'vitest';
import { currencyMinorDigits, toMinorUnits } from '../src/money.ts';

describe('toMinorUnits', () => {
  it('converts the float sum 0.1 + 0.2 to exactly 30 cents', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toMinorUnits(0.1 + 0.2)).toBe(30);
  });

  it('reads numeric strings as the decimal they spell', () => {
    expect(toMinorUnits('1234.5')).toBe(123450);
    expect(toMinorUnits('1000.00')).toBe(100000);
    expect(toMinorUnits(' -12.34 ')).toBe(-1234);
    expect(toMinorUnits('.5')).toBe(50);
    expect(toMinorUnits('7.')).toBe(700);
  });

  it('rounds half away from zero at the currency minor digit', () => {
    expect(toMinorUnits(-0.005)).toBe(-1);
    expect(toMinorUnits(0.005)).toBe(1);
    expect(toMinorUnits(0.004)).toBe(0);
    expect(toMinorUnits(1.005)).toBe(101);
    expect(toMinorUnits(-1.015)).toBe(-102);
    expect(toMinorUnits('2.675')).toBe(268);
  });

  it('never returns negative zero', () => {
    expect(Object.is(toMinorUnits(-0.001), 0)).toBe(true);
    expect(Object.is(toMinorUnits(-0), 0)).toBe(true);
  });

  it('is exact on amounts where multiplying the float by 100 drifts', () => {
    // 1.13 * 100 = 112.99999999999999 and 4.35 * 100 = 434.99999999999994 in binary floating point.
    expect(toMinorUnits(1.13)).toBe(113);
    expect(toMinorUnits(4.35)).toBe(435);
    expect(toMinorUnits(50000.12)).toBe(5000012);
    expect(toMinorUnits(9007199254740.99)).toBe(900719925474099);
  });

  it('handles exponent notation, as String() prints very small and very large floats', () => {
    expect(toMinorUnits(1e-7)).toBe(0);
    expect(toMinorUnits('1.5e3')).toBe(150000);
    expect(toMinorUnits('5e-3')).toBe(1);
  });

  it('uses the currency minor digits: none for JPY, three for KWD', () => {
    expect(toMinorUnits(1234.5, 'JPY')).toBe(1235);
    expect(toMinorUnits('-1234.5', 'JPY')).toBe(-1235);
    expect(toMinorUnits(1.2345, 'KWD')).toBe(1235);
    expect(toMinorUnits(12.34, 'cad')).toBe(1234);
    expect(currencyMinorDigits('USD')).toBe(2);
  });

  it('rejects what is not a decimal amount', () => {
    expect(() => toMinorUnits('1,234.50')).toThrow(TypeError);
    expect(() => toMinorUnits('')).toThrow(TypeError);
    expect(() => toMinorUnits('-')).toThrow(TypeError);
    expect(() => toMinorUnits('12abc')).toThrow(TypeError);
    expect(() => toMinorUnits(Number.NaN)).toThrow(RangeError);
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => toMinorUnits(1e300)).toThrow(RangeError);
    expect(() => toMinorUnits(1, 'NOT-A-CODE')).toThrow(RangeError);
  });

  it('stays exact from 15 digits up to 2^53 and refuses beyond, rounding alike on either side of 15 digits', () => {
    expect(toMinorUnits('99999999999.995')).toBe(10000000000000);
    expect(toMinorUnits('999999999999.995')).toBe(100000000000000);
    expect(toMinorUnits('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(toMinorUnits('-90071992547409.905')).toBe(-Number.MAX_SAFE_INTEGER);
    expect(() => toMinorUnits('90071992547409.92')).toThrow(RangeError);
    expect(toMinorUnits('123456789012345', 'JPY')).toBe(123456789012345);
  });

  it('reads a number as the decimal String() prints of it, whole minor units or not, in any currency', () => {
    // A fixed sequence (a linear congruential generator), so that a failure names the same amount each run.
    let seed = 42;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const amounts = [
      -0,
      0.005,
      -0.005,
      0.015,
      1.005,
      0.1 + 0.2,
      1e-7,
      5e-324,
      1e21,
      2 ** 53,
      999_999_999_999.99,
    ];
    for (let i = 0; i < 20_000; i++) {
      const magnitude = 10 ** Math.floor(next() * 18 - 4);
      const cents = Math.round(next() * 1e6) / 100;
      amounts.push(next() * magnitude, (next() < 0.5 ? -1 : 1) * cents * Math.ceil(magnitude / 1e4));
    }
    for (const currency of ['CAD', 'JPY', 'KWD']) {
      for (const amount of amounts) {
        let expected: number | string;
        try {
          expected = toMinorUnits(String(amount), currency);
        } catch (error) {
          expected = (error as Error).name;
        }
        let actual: number | string;
        try {
          actual = toMinorUnits(amount, currency);
        } catch (error) {
          actual = (error as Error).name;
        }
        expect(Object.is(actual, expected), `${amount} ${currency}: ${actual} for ${expected}`).toBe(true);
      }
    }
  });
});
