/** Money is integer kopecks; rates are integer ten-thousandths ("0.20" = 2000). */
export type Kopecks = number;
export type RateE4 = number;

const MONEY = /^(\d{1,13})(?:\.(\d{1,2}))?$/;
const RATE = /^(?:0(?:\.(\d{1,4}))?|1(?:\.0{1,4})?)$/;

export function isMoney(text: unknown): text is string {
  return typeof text === 'string' && MONEY.test(text);
}

/**
 * Bounds that keep every amount and every total an exact integer of kopecks in a JavaScript
 * number (below 2^53 ≈ 90 trillion roubles): a price list's unit price is at most 9 999 999.99 ₽
 * and a sale at most 1 000 units, so one sale is at most about 10 billion roubles; a payment is at
 * most what one sale can cost.
 */
export const MAX_UNIT_PRICE: Kopecks = 999_999_999;
export const MAX_QUANTITY = 1_000;
export const MAX_SALE_AMOUNT: Kopecks = MAX_UNIT_PRICE * MAX_QUANTITY;

/** A whole number of kopecks from 1 to `max`: what a unit price, a sale and a payment may be. */
export const isAmountUpTo = (kopecks: number, max: Kopecks): boolean =>
  Number.isSafeInteger(kopecks) && kopecks >= 1 && kopecks <= max;

/** A whole number of units from 1 to MAX_QUANTITY: what one sale may be of. */
export const isQuantity = (quantity: number): boolean =>
  Number.isSafeInteger(quantity) && quantity >= 1 && quantity <= MAX_QUANTITY;

/**
 * The retail price of `quantity` units, exact: a product a number cannot hold exactly is a
 * RangeError, never a rounded amount. Within the bounds it is at most MAX_SALE_AMOUNT.
 */
export function retailOf(unitPrice: Kopecks, quantity: number): Kopecks {
  const retail = unitPrice * quantity;
  if (!Number.isSafeInteger(retail) || retail < 0) {
    throw new RangeError(`${unitPrice} kopecks × ${quantity} is not an exact amount`);
  }
  return retail;
}

/** A money amount that is at most `max` kopecks. */
export function isMoneyUpTo(text: unknown, max: Kopecks): text is string {
  return isMoney(text) && parseMoney(text) <= max;
}

export function parseMoney(text: string): Kopecks {
  const m = MONEY.exec(text);
  if (!m) throw new RangeError(`not a money amount: ${text}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function formatMoney(kopecks: Kopecks): string {
  const sign = kopecks < 0 ? '-' : '';
  const abs = Math.abs(kopecks);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function isRate(text: unknown): text is string {
  return typeof text === 'string' && RATE.test(text);
}

export function parseRate(text: string): RateE4 {
  const m = RATE.exec(text);
  if (!m) throw new RangeError(`not a rate between 0 and 1: ${text}`);
  if (text.startsWith('1')) return 10_000;
  return Number((m[1] ?? '').padEnd(4, '0'));
}

/** The canonical text of a rate: at least two places ("0.2" and "0.2000" are "0.20"). */
export function formatRate(rate: RateE4): string {
  const digits = String(rate).padStart(4, '0');
  if (rate === 10_000) return '1.00';
  return `0.${digits.replace(/0{1,2}$/, '')}`;
}

export function normaliseRate(text: string): string {
  return formatRate(parseRate(text));
}

/** amount × rate, rounded half up to the kopeck (amounts are never negative here). */
export function applyRate(amount: Kopecks, rate: RateE4): Kopecks {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`${amount} is not an exact amount of kopecks`);
  }
  return Number((BigInt(amount) * BigInt(rate) + 5_000n) / 10_000n);
}
