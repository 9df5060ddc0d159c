import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { tellPrimary } from './cluster/messages';
import { Drain } from './http/drain';
import { ProjectorService } from './infrastructure/projector.service';
import { closeMetrics } from './metrics/serve-metrics';

/**
 * On SIGTERM or SIGINT: stop accepting connections, answer the requests in flight, stop the
 * projector at a checkpoint, close the stores and the metrics server, flush the spans not yet
 * exported (when tracing), log one line and exit 0. Whatever is not done within `graceMs` is
 * abandoned: a line, and exit 1. A cluster worker tells its primary instead of logging, so the
 * primary's one line speaks for every worker.
 */
export function stopOnSignals(
  app: NestFastifyApplication,
  graceMs: number,
  { metrics, flush }: { metrics?: Server; flush?: () => Promise<void> } = {},
): void {
  const logger = new Logger('main');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    setTimeout(() => {
      logger.error(`${signal}: not stopped within ${graceMs} ms; exiting with 1`);
      process.exit(1);
    }, graceMs);
    void (async () => {
      await Drain.of(app.getHttpServer())?.stop();
      await app.close();
      if (metrics) await closeMetrics(metrics);
      await flush?.();
      const position = app.get(ProjectorService).status().position ?? 'none';
      if (cluster.isWorker) {
        await tellPrimary({ fresh: 'stopped', position });
        process.exit(0);
      }
      logger.log(
        `stopped on ${signal} in ${Date.now() - started} ms: every request in flight answered, projector checkpoint ${position}, stores closed`,
      );
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error(`${signal}: stopping failed: ${(error as Error)?.message ?? String(error)}`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
