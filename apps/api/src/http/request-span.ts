import {
  context,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { tracer, tracingIsOn } from '@fresh/event-store';
import type { FastifyInstance } from 'fastify';
import { requestIds } from './request-log';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's server span, when the service traces (OpenTelemetry). */
    span?: Span;
  }
}

/**
 * When an OpenTelemetry SDK is registered: one server span per request, named
 * `METHOD /route/template`, from its arrival to its answer, child of the caller's `traceparent`
 * when it sends one. The span is the active one while the route runs, so the command, decision
 * and append spans are its children. Without an SDK no hook is added.
 */
export function traceRequests(fastify: FastifyInstance): void {
  if (!tracingIsOn()) return;
  fastify.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    request.span = tracer.startSpan(
      route ? `${request.method} ${route}` : request.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          ...(route && { 'http.route': route }),
        },
      },
      propagation.extract(ROOT_CONTEXT, request.headers),
    );
    done();
  });
  // After the body is read: what runs from here (guards, the route) runs in the span's context.
  fastify.addHook('preHandler', (request, _reply, done) => {
    if (!request.span) return done();
    context.with(trace.setSpan(context.active(), request.span), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const span = request.span;
    if (span) {
      const { keyId, correlationId } = requestIds(request);
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (keyId !== undefined) span.setAttribute('fresh.key_id', keyId);
      if (correlationId !== undefined) span.setAttribute('fresh.correlation_id', correlationId);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}
