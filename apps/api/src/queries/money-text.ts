import { formatMoney } from '@fresh/domain';

/** Read models count kopecks; answers speak roubles with two places. These fields are money. */
const MONEY = new Set(['retail', 'discount', 'net', 'amount', 'unitPrice']);

/** A copy of `value` with every money field, at any depth, as a decimal string. */
export function moneyAsText<T>(value: T): T {
  if (Array.isArray(value)) return value.map(moneyAsText) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        MONEY.has(k) && typeof v === 'number' ? formatMoney(v) : moneyAsText(v),
      ]),
    ) as T;
  }
  return value;
}
