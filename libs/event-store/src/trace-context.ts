import {
  Attributes,
  Context,
  context,
  INVALID_SPAN_CONTEXT,
  Link,
  propagation,
  ProxyTracer,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

/**
 * The service's tracer. Without an OpenTelemetry SDK (no OTEL_* exporter configured) it is the
 * API's no-op: a span costs one call and records nothing.
 */
export const tracer = trace.getTracer('fresh-partners');

const NOT_RECORDING = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Runs `work` in a span of its own, child of the active one; a throw is recorded on the span
 * (status ERROR) and rethrown. The span ends when `work` settles.
 */
export function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span: Span) => Promise<T>,
  options: { parent?: Context; links?: Link[]; kind?: SpanKind } = {},
): Promise<T> {
  if (!tracingIsOn()) return work(NOT_RECORDING); // no SDK: a fifth of the API's own no-op cost
  const { parent = context.active(), links, kind = SpanKind.INTERNAL } = options;
  return tracer.startActiveSpan(name, { attributes, links, kind }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * The W3C `traceparent` of the active span, for the metadata of the events it records, so that
 * whoever handles them later (the projector) can join the trace. Undefined when no span records.
 */
export function activeTraceparent(): string | undefined {
  if (!trace.getActiveSpan()?.isRecording()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The span context a `traceparent` names, or undefined when there is none or it does not parse. */
function spanContextOf(traceparent: string) {
  const restored = propagation.extract(ROOT_CONTEXT, { traceparent });
  return trace.getSpanContext(restored);
}

/**
 * Where a span handling recorded events belongs: a child of the first event's recorded trace
 * context, linked to every other distinct one (a span has one parent; a batch may hold the events
 * of many commands). Without any, a new trace.
 */
export function traceOfEvents(traceparents: Iterable<string | undefined>): {
  parent: Context;
  links: Link[];
} {
  const seen = new Set<string>();
  let parent: Context = ROOT_CONTEXT;
  const links: Link[] = [];
  for (const traceparent of traceparents) {
    if (traceparent === undefined || seen.has(traceparent)) continue;
    seen.add(traceparent);
    const spanContext = spanContextOf(traceparent);
    if (!spanContext) continue;
    if (parent === ROOT_CONTEXT) parent = trace.setSpanContext(ROOT_CONTEXT, spanContext);
    else links.push({ context: spanContext });
  }
  return { parent, links };
}

/** One append to the log, on whichever store: the same span name and attributes on both. */
export function inAppendSpan<T>(
  system: 'sqlite' | 'kurrentdb',
  streamId: string,
  count: number,
  expected: string | number,
  work: () => Promise<T>,
): Promise<T> {
  return inSpan(
    'event-store append',
    {
      'db.system.name': system,
      'db.operation.name': 'append',
      'fresh.stream_id': streamId,
      'fresh.events.count': count,
      'fresh.expected_revision': String(expected),
    },
    work,
  );
}

/**
 * Whether an OpenTelemetry SDK is registered: until one is, the API hands out proxies. The HTTP
 * layer adds its hooks only then, so a service without tracing pays nothing per request.
 */
export function tracingIsOn(): boolean {
  return !(trace.getTracer('fresh-partners') instanceof ProxyTracer);
}
