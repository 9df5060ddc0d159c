import cluster, { Worker } from 'node:cluster';
import { isWorkerMessage } from './messages';

/**
 * Something only the primary runs, beside the workers: started once every worker listens, stopped
 * after the last worker has ended. The seam for a metrics server in cluster mode (prom-client's
 * AggregatorRegistry collects the workers' metrics over the cluster's IPC channel).
 */
export interface PrimaryService {
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

export interface PrimaryOptions {
  workers: number;
  /** How long the workers have to drain on SIGTERM/SIGINT before they are killed (exit 1). */
  graceMs: number;
  log: { log(line: string): void; error(line: string): void };
  /** Why the service could not start: one line on stderr, as a single process writes it. */
  couldNotStart?: (line: string) => void;
  services?: PrimaryService[];
}

/** A worker that lived less than this died young: its replacement waits, longer each time. */
const YOUNG_MS = 10_000;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;

/** How long the next replacement waits after `youngDeaths` young deaths in a row. */
export const backoffMs = (youngDeaths: number): number =>
  youngDeaths === 0 ? 0 : Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (youngDeaths - 1));

/**
 * The primary of FRESH_WORKERS > 1: forks the workers (they share the port, connections dealt
 * round-robin by node:cluster), replaces one that dies (after a back-off when they die young, so
 * a crash loop does not spin), and on SIGTERM/SIGINT lets every worker drain, then exits 0 with
 * one line. It opens no store. A worker exits by itself when the primary dies (node:cluster
 * ends a worker whose IPC channel disconnects), so a killed primary leaves no worker behind.
 */
export function runPrimary({
  workers,
  graceMs,
  log,
  services = [],
  couldNotStart = (line) => process.stderr.write(`${line}\n`),
}: PrimaryOptions): void {
  const born = new Map<number, number>();
  const listening = new Set<number>();
  const positions: bigint[] = [];
  const replacements = new Set<NodeJS.Timeout>();
  let announced = false;
  let youngDeaths = 0;
  let stopping: { signal: string; at: number } | undefined;
  let failed = 0;

  const fork = () => {
    const worker = cluster.fork();
    born.set(worker.id, Date.now());
    worker.on('message', (message: unknown) => heard(worker, message));
  };

  /** Before every worker listened, one failing worker fails the start: the others are ended. */
  const giveUp = (why: string): never => {
    couldNotStart(`fresh-partners could not start: ${why}`);
    for (const other of Object.values(cluster.workers ?? {})) other!.process.kill('SIGKILL');
    process.exit(1);
  };

  const heard = (worker: Worker, message: unknown) => {
    if (!isWorkerMessage(message)) return;
    if (message.fresh === 'failed') {
      if (!announced) giveUp(message.message);
      log.error(
        `worker ${worker.id} (pid ${worker.process.pid}) could not start: ${message.message}`,
      );
      return;
    }
    if (message.fresh === 'stopped') {
      positions.push(message.position === 'none' ? -1n : BigInt(message.position));
      return;
    }
    listening.add(worker.id);
    if (announced || listening.size < workers) return;
    announced = true;
    const pids = Object.values(cluster.workers ?? {}).map((w) => w!.process.pid);
    log.log(
      `fresh-partners listening on ${message.url} with ${workers} workers (pids ${pids.join(', ')}; primary ${process.pid}); ${message.stores}`,
    );
    void Promise.all(services.map((s) => s.start())).catch((error: unknown) =>
      log.error(`a primary service would not start: ${(error as Error).message}`),
    );
  };

  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker.id);
    const ended = signal ?? `code ${code}`;
    if (stopping) {
      if (code !== 0) failed++;
      if (Object.keys(cluster.workers ?? {}).length === 0) void finish();
      return;
    }
    if (!announced) {
      // Its 'failed' message, if it sent one, may still be on the way: it names the cause.
      setTimeout(() => giveUp(`worker ${worker.id} ended (${ended}) before it listened`), 200);
      return;
    }
    const lived = Date.now() - (born.get(worker.id) ?? 0);
    born.delete(worker.id);
    youngDeaths = lived < YOUNG_MS ? youngDeaths + 1 : 0;
    const wait = backoffMs(youngDeaths);
    log.error(
      `worker ${worker.id} (pid ${worker.process.pid}) ended (${ended}); a new worker starts in ${wait} ms`,
    );
    const timer = setTimeout(() => {
      replacements.delete(timer);
      fork();
    }, wait);
    replacements.add(timer);
  });

  const finish = async () => {
    await Promise.all(services.map((s) => s.stop()));
    const { signal, at } = stopping!;
    if (failed > 0) {
      log.error(`${signal}: ${failed} of ${workers} workers did not stop cleanly; exiting with 1`);
      process.exit(1);
    }
    const position = positions.reduce((a, b) => (b > a ? b : a), -1n);
    log.log(
      `stopped on ${signal} in ${Date.now() - at} ms: ${workers} workers drained, every request in flight answered, projector checkpoint ${position < 0n ? 'none' : position}, stores closed`,
    );
    process.exit(0);
  };

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = { signal, at: Date.now() };
    replacements.forEach(clearTimeout);
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) return void finish();
    for (const worker of alive) worker!.process.kill('SIGTERM');
    setTimeout(() => {
      log.error(`${signal}: the workers did not stop within ${graceMs} ms; exiting with 1`);
      for (const worker of Object.values(cluster.workers ?? {})) worker!.process.kill('SIGKILL');
      process.exit(1);
    }, graceMs + 1_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  for (let i = 0; i < workers; i++) fork();
}
