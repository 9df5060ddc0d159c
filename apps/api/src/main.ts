import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { openStores, redact, StoreConfig } from '@fresh/stores';
import cluster from 'node:cluster';
import { createApp } from './app.factory';
import { tellPrimary } from './cluster/messages';
import { runPrimary } from './cluster/primary';
import { workersFromEnv } from './cluster/workers-config';
import { configFromEnv, DEFAULT_TIMEOUTS } from './config';
import { PinoLogger } from './pino-logger';
import { stopOnSignals } from './shutdown';

/** Where the stores are, fit for a log line: a connection string loses its user info. */
function storesInOneLine({ eventStore, readStore, dataDir }: StoreConfig): string {
  const events =
    eventStore.kind === 'esdb' ? `esdb at ${redact(eventStore.connectionString)}` : 'sqlite';
  const reads = readStore.kind === 'mongo' ? `mongo at ${redact(readStore.uri)}` : 'embedded';
  return `events: ${events}, read models: ${reads}, data: ${dataDir}`;
}

/** One API process: alone (FRESH_WORKERS=1), or one of the primary's workers. */
async function serve() {
  const config = configFromEnv();
  const stores = await openStores(config.stores);
  const app = await createApp(config, stores);
  stopOnSignals(app, config.timeouts?.shutdownGrace ?? DEFAULT_TIMEOUTS.shutdownGrace);
  await app.listen({ port: config.port, host: process.env.HOST ?? '127.0.0.1' });
  const url = await app.getUrl();
  if (cluster.isWorker)
    await tellPrimary({ fresh: 'listening', url, stores: storesInOneLine(config.stores) });
  else
    new Logger('main').log(
      `fresh-partners listening on ${url}; 1 worker (pid ${process.pid}); ${storesInOneLine(config.stores)}`,
    );
}

/** FRESH_WORKERS > 1: the primary forks the workers and keeps them running (cluster/primary.ts). */
function supervise(workers: number) {
  const config = configFromEnv(); // a wrong variable is one line here, not one per worker
  const logger = new PinoLogger(config.logLevel);
  runPrimary({
    workers,
    graceMs: config.timeouts?.shutdownGrace ?? DEFAULT_TIMEOUTS.shutdownGrace,
    log: {
      log: (line) => logger.log(line, 'main'),
      error: (line) => logger.error(line, undefined, 'main'),
    },
    services: [], // the primary's own services (a metrics server in cluster mode) go here
  });
}

try {
  const workers = cluster.isPrimary ? workersFromEnv() : 1;
  if (workers > 1) supervise(workers);
  else void serve().catch(couldNotStart);
} catch (error) {
  couldNotStart(error);
}

function couldNotStart(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`fresh-partners could not start: ${redact(message)}\n`);
  process.exit(1);
}
