import type { NodeSDK } from '@opentelemetry/sdk-node';
import { instrumentationsFor, instrumentedClients, tracesWanted } from './tracing-config';

/**
 * OpenTelemetry traces, configured only by the standard OTEL_* variables (OTEL_TRACES_EXPORTER,
 * OTEL_EXPORTER_OTLP_*, OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER…), read by the SDK itself. Without
 * them, or with OTEL_SDK_DISABLED=true, the SDK is not loaded and every span is the API's no-op.
 * The SDK here carries traces only: metrics are Prometheus's (FRESH_METRICS_PORT), logs pino's.
 */
export function startTracing(env: Record<string, string | undefined> = process.env) {
  if (!tracesWanted(env)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when tracing is on
  const sdk = new (require('@opentelemetry/sdk-node') as { NodeSDK: typeof NodeSDK }).NodeSDK({
    ...(!env.OTEL_SERVICE_NAME && { serviceName: 'fresh-partners' }),
    instrumentations: instrumentationsFor(instrumentedClients(env)),
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return sdk;
}

/**
 * Started as main.ts's first import, before Nest and the store clients are loaded (their
 * instrumentations patch them as they are required). Shut down, which flushes the spans, on
 * SIGTERM/SIGINT (shutdown.ts).
 */
export const tracing = startTracing();

/** How long the shutdown waits for the last spans to be exported (a collector may be down). */
export const FLUSH_MS = 3_000;

/** Exports the spans not yet exported and stops the SDK; gives up after FLUSH_MS. */
export async function stopTracing(): Promise<void> {
  if (!tracing) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    tracing.shutdown(),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, FLUSH_MS))),
  ]).finally(() => clearTimeout(timer));
}
