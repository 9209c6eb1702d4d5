/**
 * Flinks sends amounts as JSON floats (and sometimes as numeric strings). Money is stored as integer minor
 * units, so the conversion works on the decimal text of the amount, never on binary floating point: the
 * number's shortest round-trip representation (what `String(n)` prints) is exactly the decimal Flinks wrote.
 */

const minorDigitsCache = new Map<string, number>();

/** Digits after the decimal point for an ISO 4217 currency: 2 for CAD and USD, 0 for JPY, 3 for KWD. */
export function currencyMinorDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = minorDigitsCache.get(code);
  if (digits === undefined) {
    // Intl knows ISO 4217's minor units; it throws a RangeError for a malformed code.
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
      .maximumFractionDigits as number;
    minorDigitsCache.set(code, digits);
  }
  return digits;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * Converts an amount to integer minor units of `currency` (default: 2 decimals, as for CAD and USD), rounding
 * half away from zero: `0.1 + 0.2` → 30, `'1234.5'` → 123450, `-0.005` → -1, `1234.5` JPY → 1235.
 * Throws a TypeError for text that is not a decimal number, a RangeError beyond ±2^53.
 */
export function toMinorUnits(amount: number | string, currency?: string): number {
  const digits = currency === undefined ? 2 : currencyMinorDigits(currency);
  let text: string;
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) throw new RangeError(`Not a finite amount: ${amount}`);
    // Most amounts are whole minor units: their shortest decimal (what `String` prints) is those units exactly,
    // since no two decimals of at most 15 digits are the same double. Checked without the text, which costs
    // far more when a large answer is stored.
    const scale = 10 ** digits;
    const units = Math.round(amount * scale);
    if (Math.abs(units) < 1e15 && units / scale === amount) return units === 0 ? 0 : units;
    text = String(amount);
  } else {
    text = amount.trim();
  }
  const match = DECIMAL.exec(text);
  const integerPart = match?.[2] ?? '';
  const fractionPart = match?.[3] ?? '';
  if (!match || (integerPart === '' && fractionPart === '')) {
    throw new TypeError('Not a decimal amount');
  }
  const negative = match[1] === '-';
  const exponent = match[4] === undefined ? 0 : Number(match[4]);
  const allDigits = (integerPart + fractionPart).replace(/^0+(?=\d)/, '');
  // value = allDigits × 10^shift in minor units
  const shift = exponent - fractionPart.length + digits;

  // Up to 15 digits a double holds every whole number exactly (below 2^53): no BigInt needed, which costs far
  // more per amount when a large answer is stored.
  if (shift >= 0 && allDigits.length + shift <= 15) {
    const result = Number(allDigits) * 10 ** shift;
    return negative && result !== 0 ? -result : result;
  }
  if (shift < 0 && allDigits.length <= 16) {
    const cut = -shift;
    const kept = cut >= allDigits.length ? 0 : Number(allDigits.slice(0, allDigits.length - cut));
    const firstDropped = cut > allDigits.length ? '0' : allDigits.charAt(allDigits.length - cut);
    const result = kept + (firstDropped >= '5' ? 1 : 0);
    return negative && result !== 0 ? -result : result;
  }
  let magnitude: bigint;
  if (shift >= 0) {
    magnitude = BigInt(allDigits) * 10n ** BigInt(shift);
  } else {
    const cut = -shift;
    const kept = cut >= allDigits.length ? '0' : allDigits.slice(0, allDigits.length - cut);
    const firstDropped = cut > allDigits.length ? '0' : allDigits.charAt(allDigits.length - cut);
    magnitude = BigInt(kept) + (firstDropped >= '5' ? 1n : 0n);
  }
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError('Amount too large for exact minor units');
  const result = Number(magnitude);
  return negative && result !== 0 ? -result : result;
}
