import { KurrentDBInstrumentation } from '@kurrent/opentelemetry';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { instrumentationsFor, instrumentedClients, tracesWanted } from '../src/tracing-config';

describe('tracing configuration, from the standard OTEL_* variables only', () => {
  it.each([
    [{}, false],
    [{ OTEL_TRACES_EXPORTER: 'console' }, true],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }, true],
    [{ OTEL_TRACES_EXPORTER: ' otlp , console ' }, true],
    [{ OTEL_TRACES_EXPORTER: 'none' }, false],
    [{ OTEL_TRACES_EXPORTER: '' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, false],
    [{ OTEL_TRACES_EXPORTER: 'console', OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_TRACES_EXPORTER: 'console', OTEL_SDK_DISABLED: 'TRUE' }, false],
    [{ OTEL_TRACES_EXPORTER: 'console', OTEL_SDK_DISABLED: 'false' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_SERVICE_NAME: 'fresh', OTEL_TRACES_SAMPLER: 'always_on' }, false],
  ])('%j: traces %s', (env, wanted) => {
    expect(tracesWanted(env)).toBe(wanted);
  });

  it.each([
    [{}, []],
    [{ FRESH_EVENT_STORE: 'sqlite', FRESH_READ_STORE: 'embedded' }, []],
    [{ FRESH_EVENT_STORE: 'esdb' }, ['kurrentdb']],
    [{ FRESH_READ_STORE: 'mongo' }, ['mongodb']],
    [{ FRESH_EVENT_STORE: 'esdb', FRESH_READ_STORE: 'mongo' }, ['kurrentdb', 'mongodb']],
  ])('%j: the instrumented clients are %j', (env, clients) => {
    expect(instrumentedClients(env)).toEqual(clients);
  });

  it("makes each client's own instrumentation, and none for the embedded stores", () => {
    expect(instrumentationsFor([])).toEqual([]);
    const made = instrumentationsFor(['kurrentdb', 'mongodb']);
    try {
      expect(made).toHaveLength(2);
      expect(made[0]).toBeInstanceOf(KurrentDBInstrumentation);
      expect(made[1]).toBeInstanceOf(MongoDBInstrumentation);
      expect(made.map((i) => i.instrumentationName)).toEqual([
        '@kurrent/opentelemetry',
        '@opentelemetry/instrumentation-mongodb',
      ]);
    } finally {
      made.forEach((instrumentation) => instrumentation.disable());
    }
  });
});
