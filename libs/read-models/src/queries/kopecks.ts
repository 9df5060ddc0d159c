/**
 * Money in the read models is integer kopecks. A document holds sums its store kept with `$inc`,
 * exact only while they stay safe integers (below 2^53); queries add them up as BigInt, so no
 * total, however many documents and days it spans, loses a kopeck.
 */
export class InexactMoneyError extends Error {
  constructor(where: string, value: unknown) {
    super(`${where} holds ${String(value)}, not an exact number of kopecks`);
    this.name = 'InexactMoneyError';
  }
}

/** A stored amount of kopecks as a BigInt; a value that cannot be exact is refused loudly. */
export function storedKopecks(value: unknown, where: string): bigint {
  if (value === undefined) return 0n;
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new InexactMoneyError(where, value);
  return BigInt(value);
}

/** Orders two amounts: negative when `a` is smaller, as `Array.prototype.sort` wants. */
export const compareKopecks = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
