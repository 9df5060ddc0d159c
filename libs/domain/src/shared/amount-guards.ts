import { InvalidCommandError } from './domain-error';
import { formatMoney, isAmountUpTo, isQuantity, Kopecks, MAX_QUANTITY } from './money';

/**
 * The domain holds the money bounds itself, whatever the edge let through: an amount or a
 * quantity outside them is an invalid field (400 VALIDATION_FAILED), never a rounded total.
 */
export function requireAmountUpTo(field: string, kopecks: Kopecks, max: Kopecks): Kopecks {
  if (!isAmountUpTo(kopecks, max)) {
    throw new InvalidCommandError(
      field,
      `must be an amount from 0.01 to ${formatMoney(max)} roubles in whole kopecks`,
    );
  }
  return kopecks;
}

export function requireQuantity(field: string, quantity: number): number {
  if (!isQuantity(quantity)) {
    throw new InvalidCommandError(field, `must be a whole number from 1 to ${MAX_QUANTITY}`);
  }
  return quantity;
}
