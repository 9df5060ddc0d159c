import { createServer, Server } from 'node:http';
import { AggregatorRegistry, Registry } from 'prom-client';

/**
 * Where the exposition comes from: this process's registry, or — in the primary of a cluster —
 * every worker's, gathered over IPC by prom-client (workers then open no port of their own).
 */
export type MetricsSource = Registry | 'cluster';

/**
 * Serves GET /metrics (Prometheus text format) on a port of its own, never the API's; anything
 * else is 404. Resolves once listening; the caller closes the server on shutdown.
 */
export async function serveMetrics(
  source: MetricsSource,
  port: number,
  host: string,
): Promise<Server> {
  const cluster = source === 'cluster' ? new AggregatorRegistry() : undefined;
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const exposition = cluster ? cluster.clusterMetrics() : (source as Registry).metrics();
    const contentType = cluster ? cluster.contentType : (source as Registry).contentType;
    exposition.then(
      (text) => response.writeHead(200, { 'content-type': contentType }).end(text),
      (error: unknown) =>
        response
          .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
          .end(`metrics could not be collected: ${(error as Error)?.message ?? String(error)}\n`),
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    const refused = (error: Error) =>
      reject(
        new Error(
          `cannot serve metrics on ${host}:${port} (FRESH_METRICS_HOST, FRESH_METRICS_PORT): ${error.message}`,
        ),
      );
    server.once('error', refused);
    server.listen(port, host, () => {
      server.off('error', refused);
      resolve();
    });
  });
  return server;
}

/**
 * In a cluster worker: answer the primary's requests for metrics with this registry (prom-client
 * answers over the cluster IPC channel once an AggregatorRegistry exists in the process).
 */
export function reportToPrimary(registry: Registry): void {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry(); // installs the worker's IPC listener
}

/** Closes the metrics server, ending idle keep-alive connections (a scraper keeps one open). */
export function closeMetrics(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** The metrics port as a service of a cluster's primary: every worker's metrics, on one port. */
export function primaryMetrics({ port, host }: { port: number; host: string }) {
  let server: Server | undefined;
  return {
    start: async () => {
      server = await serveMetrics('cluster', port, host);
    },
    stop: () => (server ? closeMetrics(server) : undefined),
  };
}
