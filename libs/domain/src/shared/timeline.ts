import { BusinessDate } from './business-date';

/**
 * A value that changes on business dates. Entries are kept in date order; entries of the same
 * date keep the order they were recorded in, so the later record wins on that date.
 */
export type Timeline<T> = readonly { readonly on: BusinessDate; readonly value: T }[];

export function record<T>(timeline: Timeline<T>, on: BusinessDate, value: T): Timeline<T> {
  const at = timeline.findIndex((entry) => entry.on > on);
  const entry = { on, value };
  return at < 0 ? [...timeline, entry] : [...timeline.slice(0, at), entry, ...timeline.slice(at)];
}

export function valueOn<T>(timeline: Timeline<T>, date: BusinessDate, initial: T): T {
  let value = initial;
  for (const entry of timeline) {
    if (entry.on > date) break;
    value = entry.value;
  }
  return value;
}
