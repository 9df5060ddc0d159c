// First: tracing must be started before Nest and the store clients load (./tracing.ts).
import { stopTracing } from './tracing';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { openStores, redact, StoreConfig } from '@fresh/stores';
import { createApp } from './app.factory';
import { configFromEnv, DEFAULT_TIMEOUTS } from './config';
import { serveMetrics, ServiceMetrics } from './metrics';
import { stopOnSignals } from './shutdown';

/** Where the stores are, fit for a log line: a connection string loses its user info. */
function storesInOneLine({ eventStore, readStore, dataDir }: StoreConfig): string {
  const events =
    eventStore.kind === 'esdb' ? `esdb at ${redact(eventStore.connectionString)}` : 'sqlite';
  const reads = readStore.kind === 'mongo' ? `mongo at ${redact(readStore.uri)}` : 'embedded';
  return `events: ${events}, read models: ${reads}, data: ${dataDir}`;
}

async function main() {
  const config = configFromEnv();
  const stores = await openStores(config.stores);
  const app = await createApp(config, stores);
  // In a cluster, the primary would call serveMetrics('cluster', …) and the workers none.
  const metrics =
    config.metrics &&
    (await serveMetrics(
      app.get(ServiceMetrics).registry,
      config.metrics.port,
      config.metrics.host,
    ));
  stopOnSignals(app, config.timeouts?.shutdownGrace ?? DEFAULT_TIMEOUTS.shutdownGrace, {
    metrics: metrics || undefined,
    flush: stopTracing,
  });
  await app.listen({ port: config.port, host: process.env.HOST ?? '127.0.0.1' });
  const logger = new Logger('main');
  logger.log(
    `fresh-partners listening on ${await app.getUrl()}; ${storesInOneLine(config.stores)}`,
  );
  if (config.metrics)
    logger.log(`metrics on http://${config.metrics.host}:${config.metrics.port}/metrics`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`fresh-partners could not start: ${redact(message)}\n`);
  process.exit(1);
});
