import * as kurrentdb from '@kurrent/kurrentdb-client';
import { KurrentDBInstrumentation } from '@kurrent/opentelemetry';
import { context, propagation, trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { randomUUID } from 'node:crypto';
import { EsdbEventStore, verifyLog } from '../src';
import { EsdbStandIn } from '../../../test/esdb-stand-in/esdb-stand-in';
import { newEvent } from './event-store.contract';

/**
 * The EventStoreDB adapter traced with @kurrent/opentelemetry registered, on the gRPC stand-in.
 * The instrumentation writes its span's ids into every appended event's metadata ($traceId,
 * $spanId): the adapter must leave them out of what it reads, or the hash chains would break.
 */
describe('the EventStoreDB adapter under @kurrent/opentelemetry', () => {
  const exporter = new InMemorySpanExporter();
  const instrumentation = new KurrentDBInstrumentation();
  const sdk = new NodeSDK({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    instrumentations: [instrumentation as never],
    metricReaders: [],
    logRecordProcessors: [],
    autoDetectResources: false,
  });
  // jest loads modules itself, past the require hook the instrumentation patches through: the
  // client jest loaded is patched by the instrumentation's own patch function instead.
  const definition = (
    instrumentation as unknown as {
      init(): { patch(exports: unknown): unknown; unpatch(exports: unknown): void };
    }
  ).init();
  let standIn: EsdbStandIn;
  let store: EsdbEventStore;

  beforeAll(async () => {
    sdk.start();
    definition.patch(kurrentdb);
    standIn = new EsdbStandIn();
    store = new EsdbEventStore(await standIn.start());
  });
  afterAll(async () => {
    await store.close();
    await standIn.stop();
    definition.unpatch(kurrentdb);
    await sdk.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it("records the instrumentation's append span inside the adapter's, and the chain stays intact", async () => {
    const streamId = `s-${randomUUID().slice(0, 8)}`;
    const written = [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })];
    const { events } = await store.append(streamId, written, 'no_stream');

    const spans = exporter.getFinishedSpans();
    const ours = spans.filter((s) => s.name === 'event-store append');
    expect(ours).toHaveLength(1);
    expect(ours[0].attributes).toMatchObject({
      'db.system.name': 'kurrentdb',
      'fresh.stream_id': streamId,
      'fresh.events.count': 2,
    });
    const theirs = spans.filter(
      (s) => s.parentSpanContext?.spanId === ours[0].spanContext().spanId,
    );
    expect(theirs.map((s) => s.name)).toEqual(['streams.append']);

    // Read back as written by the service: the instrumentation's keys are not in the metadata.
    expect(events.map((e) => e.metadata)).toEqual(written.map((e) => e.metadata));
    const read = await store.readStream(streamId);
    expect(read.map((e) => e.metadata)).toEqual(written.map((e) => e.metadata));
    expect(await verifyLog(store)).toMatchObject({ intact: true });
  });
});
