import { DomainError } from './domain-error';

/** A calendar date `YYYY-MM-DD`; ISO strings of this form order as the dates they name. */
export type BusinessDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isBusinessDate(value: unknown): value is BusinessDate {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Refuses a business date later than the command's `today` (the clock is a value, never read here). */
export function assertNotFuture(field: string, date: BusinessDate, today: BusinessDate): void {
  if (date > today) {
    throw new DomainError('FUTURE_DATE', `${field} ${date} is later than today (${today})`);
  }
}

export function laterOf(a: BusinessDate, b: BusinessDate): BusinessDate {
  return a > b ? a : b;
}

/** The date `days` days after `date` (before, when negative). */
export function addDays(date: BusinessDate, days: number): BusinessDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
