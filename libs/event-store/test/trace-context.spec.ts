import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { activeTraceparent, inSpan, traceOfEvents, tracingIsOn } from '../src';

const A = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const B = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('spans without an SDK', () => {
  it('cost nothing but the work: no tracing, no traceparent for the events', async () => {
    expect(tracingIsOn()).toBe(false);
    const seen = await inSpan('decide X', {}, async () => activeTraceparent());
    expect(seen).toBeUndefined();
  });
});

describe('spans with the SDK', () => {
  const exporter = new InMemorySpanExporter();
  const sdk = new NodeSDK({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
    autoDetectResources: false,
  });
  beforeAll(() => sdk.start());
  afterAll(async () => {
    await sdk.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });
  beforeEach(() => exporter.reset());

  it('give the events the W3C traceparent of the span they are recorded in', async () => {
    expect(tracingIsOn()).toBe(true);
    const seen = await inSpan('decide X', { 'fresh.stream_id': 's-1' }, async () =>
      activeTraceparent(),
    );
    const [span] = exporter.getFinishedSpans();
    const { traceId, spanId } = span.spanContext();
    expect(seen).toBe(`00-${traceId}-${spanId}-01`);
    expect(activeTraceparent()).toBeUndefined(); // outside any span
  });

  it('record a throw on the span and throw it on', async () => {
    const failure = new Error('the stream kept changing');
    await expect(
      inSpan('decide X', {}, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'the stream kept changing',
    });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
  });

  it("put a batch under its first event's trace and link the other traces, each once", () => {
    const { parent, links } = traceOfEvents([undefined, 'not a traceparent', A, A, B, B]);
    expect(trace.getSpanContext(parent)).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      isRemote: true,
    });
    expect(links.map((l) => l.context)).toEqual([
      expect.objectContaining({
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
      }),
    ]);
  });

  it('start a trace of its own for a batch without any', () => {
    const { parent, links } = traceOfEvents([undefined, undefined]);
    expect(trace.getSpanContext(parent)).toBeUndefined();
    expect(links).toEqual([]);
  });
});
