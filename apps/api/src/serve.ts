import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { openStores, redact, StoreConfig } from '@fresh/stores';
import cluster from 'node:cluster';
import { createApp } from './app.factory';
import { tellPrimary } from './cluster/messages';
import { configFromEnv, DEFAULT_TIMEOUTS } from './config';
import { reportToPrimary, serveMetrics, ServiceMetrics } from './metrics';
import { stopOnSignals } from './shutdown';
import { stopTracing } from './tracing';

/** Where the stores are, fit for a log line: a connection string loses its user info. */
function storesInOneLine({ eventStore, readStore, dataDir }: StoreConfig): string {
  const events =
    eventStore.kind === 'esdb' ? `esdb at ${redact(eventStore.connectionString)}` : 'sqlite';
  const reads = readStore.kind === 'mongo' ? `mongo at ${redact(readStore.uri)}` : 'embedded';
  return `events: ${events}, read models: ${reads}, data: ${dataDir}`;
}

/** One API process: alone (FRESH_WORKERS=1), or one of the primary's workers. */
export async function serve(): Promise<void> {
  const config = configFromEnv();
  const stores = await openStores(config.stores);
  const app = await createApp(config, stores);
  const { registry } = app.get(ServiceMetrics);
  // A worker's metrics are served by its primary; one process serves its own.
  if (cluster.isWorker && config.metrics) reportToPrimary(registry);
  const metrics =
    !cluster.isWorker && config.metrics
      ? await serveMetrics(registry, config.metrics.port, config.metrics.host)
      : undefined;
  stopOnSignals(app, config.timeouts?.shutdownGrace ?? DEFAULT_TIMEOUTS.shutdownGrace, {
    metrics,
    flush: stopTracing,
  });
  await app.listen({ port: config.port, host: process.env.HOST ?? '127.0.0.1' });
  const url = await app.getUrl();
  const stored = storesInOneLine(config.stores);
  if (cluster.isWorker) await tellPrimary({ fresh: 'listening', url, stores: stored });
  else {
    const logger = new Logger('main');
    logger.log(`fresh-partners listening on ${url}; 1 worker (pid ${process.pid}); ${stored}`);
    if (config.metrics)
      logger.log(`metrics on http://${config.metrics.host}:${config.metrics.port}/metrics`);
  }
}
