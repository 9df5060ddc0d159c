/** Read models count kopecks; answers speak roubles with two places. These fields are money. */
const MONEY = new Set(['retail', 'discount', 'net', 'amount', 'unitPrice']);

/**
 * Kopecks as a decimal string of roubles, from integers alone (no division in floating point):
 * exact for any BigInt, and for a number only when it is a safe integer (anything else throws).
 */
export function kopecksAsText(kopecks: bigint | number): string {
  if (typeof kopecks === 'number' && !Number.isSafeInteger(kopecks))
    throw new RangeError(`${kopecks} is not an exact number of kopecks`);
  const value = BigInt(kopecks);
  const abs = value < 0n ? -value : value;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return value < 0n ? `-${text}` : text;
}

/** A copy of `value` with every money field, at any depth, as a decimal string. */
export function moneyAsText<T>(value: T): T {
  if (Array.isArray(value)) return value.map(moneyAsText) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        MONEY.has(k) && (typeof v === 'number' || typeof v === 'bigint')
          ? kopecksAsText(v)
          : moneyAsText(v),
      ]),
    ) as T;
  }
  return value;
}
