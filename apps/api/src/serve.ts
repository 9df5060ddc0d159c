import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { openStores, redact, StoreConfig } from '@fresh/stores';
import cluster from 'node:cluster';
import { createApp } from './app.factory';
import { tellPrimary } from './cluster/messages';
import { configFromEnv, DEFAULT_TIMEOUTS } from './config';
import { stopOnSignals } from './shutdown';

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
  stopOnSignals(app, config.timeouts?.shutdownGrace ?? DEFAULT_TIMEOUTS.shutdownGrace);
  await app.listen({ port: config.port, host: process.env.HOST ?? '127.0.0.1' });
  const url = await app.getUrl();
  const stored = storesInOneLine(config.stores);
  if (cluster.isWorker) await tellPrimary({ fresh: 'listening', url, stores: stored });
  else
    new Logger('main').log(
      `fresh-partners listening on ${url}; 1 worker (pid ${process.pid}); ${stored}`,
    );
}
