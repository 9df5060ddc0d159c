import type { Instrumentation } from '@opentelemetry/instrumentation';

type Env = Record<string, string | undefined>;

/** A store client whose own OpenTelemetry instrumentation the service registers. */
export type InstrumentedClient = 'kurrentdb' | 'mongodb';

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');

/**
 * Whether the standard OTEL_* variables ask for traces: an exporter in OTEL_TRACES_EXPORTER
 * (not `none`), or an OTLP endpoint (the SDK's default exporter is OTLP); never with
 * OTEL_SDK_DISABLED=true. Otherwise the SDK is not even loaded.
 */
export function tracesWanted(env: Env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = list(env.OTEL_TRACES_EXPORTER);
  if (exporters.length > 0) return exporters[0] !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * The store clients in use, by the same variables the stores are chosen by: EventStoreDB's
 * client with FRESH_EVENT_STORE=esdb, MongoDB's driver with FRESH_READ_STORE=mongo.
 */
export function instrumentedClients(env: Env): InstrumentedClient[] {
  return [
    ...(env.FRESH_EVENT_STORE === 'esdb' ? (['kurrentdb'] as const) : []),
    ...(env.FRESH_READ_STORE === 'mongo' ? (['mongodb'] as const) : []),
  ];
}

/**
 * The clients' instrumentations, loaded only when asked for. Each patches its client when the
 * client's module is first required: they must be made before the stores are loaded.
 */
export function instrumentationsFor(clients: InstrumentedClient[]): Instrumentation[] {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  return clients.map((client): Instrumentation => {
    if (client === 'kurrentdb') {
      const { KurrentDBInstrumentation } =
        require('@kurrent/opentelemetry') as typeof import('@kurrent/opentelemetry');
      return new KurrentDBInstrumentation() as unknown as Instrumentation;
    }
    const { MongoDBInstrumentation } =
      require('@opentelemetry/instrumentation-mongodb') as typeof import('@opentelemetry/instrumentation-mongodb');
    // Statements are reported with their values masked (enhancedDatabaseReporting stays off):
    // no personal data leaves in a span.
    return new MongoDBInstrumentation() as unknown as Instrumentation;
  });
  /* eslint-enable @typescript-eslint/no-require-imports */
}
