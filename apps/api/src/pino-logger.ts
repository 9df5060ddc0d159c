import { LoggerService } from '@nestjs/common';
import pino from 'pino';

/** Nest's logger interface, written as JSON lines by pino. */
export class PinoLogger implements LoggerService {
  private readonly pino: pino.Logger;

  constructor(level: string) {
    this.pino = pino({ level, base: undefined });
  }

  log(message: unknown, context?: string) {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
}
