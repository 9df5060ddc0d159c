import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { redact, StoreUnavailableError } from '@fresh/event-store';
import type { FastifyReply } from 'fastify';
import { problem } from './problem';
import { toProblem } from './to-problem';

export function sendProblem(reply: FastifyReply, error: unknown, logger: Logger): void {
  const answer =
    toProblem(error) ?? problem(500, 'INTERNAL_ERROR', 'the service failed; the error is logged');
  if (answer.status === 500)
    logger.error(redact(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  if (answer.status === 401) reply.header('WWW-Authenticate', 'Bearer');
  // A store that will take writes again soon (a cluster electing its leader) says when to retry.
  if (error instanceof StoreUnavailableError && error.retryAfterSeconds)
    reply.header('Retry-After', String(error.retryAfterSeconds));
  void reply.status(answer.status).header('Content-Type', 'application/problem+json').send(answer);
}

/** Every error leaves as application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    sendProblem(host.switchToHttp().getResponse<FastifyReply>(), error, this.logger);
  }
}
