import { HttpException } from '@nestjs/common';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from '@fresh/commands';
import { DomainError, InvalidCommandError } from '@fresh/domain';
import { EventTooLargeError, StoreUnavailableError } from '@fresh/event-store';
import { Problem, problem, ProblemException } from './problem';

/** Codes Fastify gives errors it raises before a route runs. */
const FASTIFY: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BODY_TOO_LARGE'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'INVALID_BODY'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_BODY'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_BODY'],
  FST_ERR_BAD_URL: [400, 'INVALID_URL'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'URI_TOO_LONG'],
};

const HTTP_CODES: Record<number, string> = {
  400: 'INVALID_BODY',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

function statusOfRule(code: DomainError['code']): number {
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code === 'ALREADY_EXISTS') return 409;
  return 422;
}

/** Every error the service can meet, as the problem the client receives; undefined: a bug (500). */
export function toProblem(error: unknown): Problem | undefined {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof DomainError)
    return problem(statusOfRule(error.code), error.code, error.message);
  if (error instanceof InvalidCommandError) {
    return problem(400, 'VALIDATION_FAILED', `${error.field} ${error.message}`, [
      { field: error.field, message: error.message },
    ]);
  }
  if (error instanceof ConcurrencyConflictError)
    return problem(409, 'CONCURRENCY_CONFLICT', error.message);
  if (error instanceof IdempotencyKeyReusedError)
    return problem(409, 'IDEMPOTENCY_KEY_REUSED', error.message);
  // Also a user the store refuses (StoreAccessDeniedError) and an election (retryAfterSeconds).
  if (error instanceof StoreUnavailableError)
    return problem(503, 'STORE_UNAVAILABLE', error.message);
  if (error instanceof EventTooLargeError) return problem(413, 'EVENT_TOO_LARGE', error.message);
  const fastify = FASTIFY[(error as { code?: string })?.code ?? ''];
  if (fastify) return problem(fastify[0], fastify[1], (error as Error).message);
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return problem(400, 'INVALID_BODY', `the body is not valid JSON: ${error.message}`);
  }
  if (error instanceof HttpException && error.getStatus() < 500) {
    const status = error.getStatus();
    return problem(status, HTTP_CODES[status] ?? 'HTTP_ERROR', error.message);
  }
  const status = (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problem(status, HTTP_CODES[status] ?? 'HTTP_ERROR', (error as Error).message);
  }
  return undefined;
}
