import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a fast embedded append (~0.1 ms) to a request stuck behind a slow store. */
const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/**
 * Every metric the service exports, in one registry per application (tests start several in one
 * process). Recording is a counter increment or a histogram observation: nothing on the command
 * path waits for it. Gauges that describe a state (projectors, stores) are computed when scraped.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'fresh_http_request_duration_seconds',
    help:
      'Time from a request to its answer, by route template (`unmatched` when no route matched), ' +
      'method and status; its _count is the number of requests answered',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'fresh_commands_total',
    help:
      'Commands answered, by type and outcome: accepted, replayed (an Idempotency-Key answered again), ' +
      'refused (a business rule; `code` is the rule code), conflict, unavailable, invalid, failed',
    labelNames: ['command', 'outcome', 'code'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'fresh_event_store_append_duration_seconds',
    help: 'Time to append to the event store, by result: ok, conflict (the stream moved), unavailable, error',
    labelNames: ['result'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly appendConflicts = new Counter({
    name: 'fresh_event_store_append_conflicts_total',
    help:
      'Appends refused because the stream had moved since it was read: a command lost a race and ' +
      'reads again (up to 5 attempts; then fresh_commands_total{outcome="conflict"})',
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'fresh_rate_limited_total',
    help: 'Requests refused with 429 RATE_LIMITED (FRESH_RATE_LIMIT), by whom they counted against: key or address',
    labelNames: ['by'] as const,
    registers: [this.registry],
  });

  readonly whatIfRunning = new Gauge({
    name: 'fresh_what_if_running',
    help: 'What-if scenarios being evaluated now (one at a time; the others wait)',
    registers: [this.registry],
  });

  readonly whatIfProgress = new Gauge({
    name: 'fresh_what_if_read_progress_ratio',
    help: 'How much of the log the current (or last) what-if scenario has read, 0 to 1',
    registers: [this.registry],
  });

  readonly whatIfScenarios = new Counter({
    name: 'fresh_what_if_scenarios_total',
    help: 'What-if scenarios evaluated, by outcome: answered, refused (a 4xx), failed',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** `processMetrics`: Node's own (CPU, memory, event loop lag, GC) under the `fresh_` prefix. */
  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics)
      collectDefaultMetrics({ register: this.registry, prefix: 'fresh_' });
  }
}
