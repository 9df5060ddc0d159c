import { TraceFlags } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { clientCorrelationId } from './correlation-id';

/** What the line of one answered request says: never a header, a key, a query or a body. */
export interface RequestLine {
  method: string;
  /** The matched route's pattern (`/api/v1/partners/:partnerId`), not the URL asked for. */
  route: string | null;
  /** Only when no route matched (a 404): the path asked for, without its query. */
  path?: string;
  status: number;
  durationMs: number;
  keyId?: string;
  correlationId?: string;
  /** The request's trace, when the service traces (OpenTelemetry) and samples this request. */
  traceId?: string;
}

/**
 * One structured line per answered request, at info (warn for 4xx, error for 5xx), written when
 * the answer has been sent.
 */
export function logRequests(fastify: FastifyInstance, log: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (log.isLevelEnabled(level)) log[level](requestLine(request, reply), 'request');
    done();
  });
}

/** Who sent a request (its key, once authenticated) and the correlation id it goes by. */
export function requestIds(request: FastifyRequest): { keyId?: string; correlationId?: string } {
  return {
    keyId: (request as Partial<AuthenticatedRequest>).apiKey?.id,
    correlationId: request.correlationId ?? clientCorrelationId(request),
  };
}

function requestLine(request: FastifyRequest, reply: FastifyReply): RequestLine {
  const route = request.routeOptions.url ?? null;
  const { keyId, correlationId } = requestIds(request);
  const traced = request.span?.spanContext();
  const traceId = traced && traced.traceFlags & TraceFlags.SAMPLED ? traced.traceId : undefined;
  return {
    method: request.method,
    route,
    ...(route === null && { path: request.url.split('?')[0].slice(0, 200) }),
    status: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
    ...(keyId !== undefined && { keyId }),
    ...(correlationId !== undefined && { correlationId }),
    ...(traceId !== undefined && { traceId }),
  };
}
