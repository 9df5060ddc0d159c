import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The correlation id a command recorded its events under; the request log line carries it. */
    correlationId?: string;
  }
}

const USABLE = /^[\w.:-]{1,100}$/;

/** The client's `X-Correlation-Id`, when it is a usable id (1-100 of letters, digits, _ . : -). */
export function clientCorrelationId(request: FastifyRequest): string | undefined {
  const header = request.headers['x-correlation-id'];
  return typeof header === 'string' && USABLE.test(header) ? header : undefined;
}
