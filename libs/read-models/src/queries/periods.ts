import { addDays, BusinessDate } from '@fresh/domain';

export type Granularity = 'day' | 'week' | 'month';

export interface Period {
  period: string;
  from: BusinessDate;
  to: BusinessDate;
}

const weekday = (date: BusinessDate) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0

/** ISO 8601 week, e.g. 2015-W02: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: BusinessDate): string {
  const thursday = addDays(date, 3 - weekday(date));
  const year = thursday.slice(0, 4);
  const firstThursday = addDays(`${year}-01-04`, 3 - weekday(`${year}-01-04`));
  const week =
    1 + Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function periodKey(date: BusinessDate, granularity: Granularity): string {
  if (granularity === 'day') return date;
  if (granularity === 'month') return date.slice(0, 7);
  return isoWeek(date);
}

/** The calendar periods that cover [from, to], each clipped to it. */
export function periodsBetween(
  from: BusinessDate,
  to: BusinessDate,
  granularity: Granularity,
): Period[] {
  const periods: Period[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const key = periodKey(day, granularity);
    const last = periods.at(-1);
    if (last?.period === key) last.to = day;
    else periods.push({ period: key, from: day, to: day });
  }
  return periods;
}
