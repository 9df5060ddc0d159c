import { LoggerService } from '@nestjs/common';
import pino from 'pino';
import { styleText } from 'node:util';

/**
 * Nest's logger interface, written by pino: JSON lines, or one readable line per entry when
 * stdout is a terminal. `lines` is the pino logger itself, for structured lines (requests).
 */
export class PinoLogger implements LoggerService {
  readonly lines: pino.Logger;

  constructor(
    level: string,
    destination: pino.DestinationStream = process.stdout.isTTY
      ? readable(process.stdout)
      : pino.destination({ dest: 1, sync: true }),
  ) {
    this.lines = pino({ level, base: undefined }, destination);
  }

  log(message: unknown, context?: string) {
    this.lines.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.lines.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.lines.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.lines.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.lines.trace({ context }, String(message));
  }
}

const COLOURS: Record<string, Parameters<typeof styleText>[0]> = {
  trace: 'gray',
  debug: 'gray',
  info: 'green',
  warn: 'yellow',
  error: 'red',
  fatal: 'red',
};

const colour = (label: string, text: string) =>
  process.env.NO_COLOR ? text : styleText(COLOURS[label] ?? 'reset', text);

/** Pino's JSON lines as `12:00:01.234 INFO  [context] message key=value …` on a terminal. */
export function readable(out: { write(text: string): unknown }): pino.DestinationStream {
  return {
    write(json: string) {
      const { level, time, msg, context, trace, ...fields } = JSON.parse(json) as Record<
        string,
        unknown
      >;
      const label = pino.levels.labels[level as number] ?? String(level);
      const pairs = Object.entries(fields).map(([k, v]) => `${k}=${show(v)}`);
      const line = [
        new Date(time as number).toISOString().slice(11, 23),
        colour(label, label.toUpperCase().padEnd(5)),
        ...(context ? [`[${String(context)}]`] : []),
        String(msg).replace(/\p{Cc}/gu, (c) => JSON.stringify(c).slice(1, -1)),
        ...pairs,
      ].join(' ');
      out.write(`${line}\n${trace ? `${String(trace)}\n` : ''}`);
    },
  };
}

/** A value as one word: a plain word as is, anything else (spaces, control characters) as JSON. */
const show = (value: unknown): string =>
  typeof value === 'string' && /^[^\s\p{Cc}"=]*$/u.test(value) ? value : JSON.stringify(value);
