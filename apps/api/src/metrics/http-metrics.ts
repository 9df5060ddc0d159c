import type { FastifyInstance } from 'fastify';
import { ServiceMetrics } from './service-metrics';

/** The `route` of a request no route matched: one value, whatever the URL (no unbounded labels). */
export const UNMATCHED_ROUTE = 'unmatched';

/** Times (and so counts) every answered request by its route's template, method and status. */
export function measureRequests(fastify: FastifyInstance, metrics: ServiceMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = {
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      method: request.method,
      status: String(reply.statusCode),
    };
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
