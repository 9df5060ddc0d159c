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

/** Today's business date in Moscow, where 1C keeps its books. */
export const moscowDate = (instant: Date): string => MOSCOW_DAY.format(instant);
