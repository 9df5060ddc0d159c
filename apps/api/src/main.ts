// First: tracing must be started before Nest and the store clients load (./tracing.ts).
import './tracing';
import { redact } from '@fresh/stores';
import cluster from 'node:cluster';
import { tellPrimary } from './cluster/messages';
import { runPrimary } from './cluster/primary';
import { workersFromEnv } from './cluster/workers-config';
import { configFromEnv, DEFAULT_TIMEOUTS } from './config';
import { primaryMetrics } from './metrics/serve-metrics';

/** One line on stderr and exit 1; a worker leaves the line to its primary, which writes it once. */
async function couldNotStart(error: unknown): Promise<never> {
  const message = redact(error instanceof Error ? error.message : String(error));
  if (cluster.isWorker) await tellPrimary({ fresh: 'failed', message });
  else process.stderr.write(`fresh-partners could not start: ${message}\n`);
  process.exit(1);
}

/** FRESH_WORKERS > 1: the primary forks the workers and keeps them running (cluster/primary.ts). */
function supervise(workers: number): void {
  const config = configFromEnv(); // a wrong variable is one line here, not one per worker
  // The primary loads neither Nest nor the stores: only the workers do (serve.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PinoLogger } = require('./pino-logger') as typeof import('./pino-logger');
  const logger = new PinoLogger(config.logLevel);
  runPrimary({
    workers,
    graceMs: config.timeouts?.shutdownGrace ?? DEFAULT_TIMEOUTS.shutdownGrace,
    log: {
      log: (line) => logger.log(line, 'main'),
      error: (line) => logger.error(line, undefined, 'main'),
    },
    // The primary alone serves the metrics port, with every worker's metrics gathered over IPC.
    services: config.metrics ? [primaryMetrics(config.metrics)] : [],
  });
}

try {
  const workers = cluster.isPrimary ? workersFromEnv() : 1;
  if (workers > 1) supervise(workers);
  else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { serve } = require('./serve') as typeof import('./serve');
    serve().catch(couldNotStart);
  }
} catch (error) {
  void couldNotStart(error);
}
