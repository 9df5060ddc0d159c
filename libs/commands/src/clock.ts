/** The only place the service reads the time; decisions receive it as a value on the command. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

const MOSCOW_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Moscow',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

let last = { second: NaN, date: '' };

/**
 * Today's business date in Moscow, where 1C keeps its books. Formatting costs microseconds and
 * every command asks, so the last answer is kept for the rest of its second (no time zone has
 * ever changed date inside a second).
 */
export const moscowDate = (instant: Date): string => {
  const second = Math.floor(instant.getTime() / 1000);
  if (second !== last.second) last = { second, date: MOSCOW_DAY.format(instant) };
  return last.date;
};
