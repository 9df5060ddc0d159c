import { NotaryConfig, notaryConfigFromEnv } from '@fresh/notary';
import { ConfigError, StoreConfig, storeConfigFromEnv } from '@fresh/stores';

/** How long the transport waits for a client, in milliseconds (README, "Limits"). */
export interface Timeouts {
  /** From a connection's first byte (or the end of its last answer) to the end of the headers. */
  headers: number;
  /** From the start of a request to the last byte of its body. */
  request: number;
  /** An idle keep-alive connection is closed after this. */
  keepAlive: number;
  /** On SIGTERM/SIGINT, in-flight work has this long to finish before the process exits 1. */
  shutdownGrace: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  headers: 10_000,
  request: 30_000,
  keepAlive: 5_000,
  shutdownGrace: 10_000,
};

/**
 * Requests per second one key (or, without a valid key, one address) may send, averaged over
 * RATE_WINDOW_SECONDS. A partner system records a few sales a minute; 100/s with a burst of 1 000
 * is far beyond it, yet keeps a runaway loop from one key to a small share of what the service
 * can take (BENCHMARKS.md: thousands of commands per second).
 */
export const DEFAULT_RATE_LIMIT = 100;

/** Everything the service reads from its environment (API.md, "Running"). */
export interface AppConfig {
  port: number;
  stores: StoreConfig;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  logLevel: string;
  /** Whether this process keeps the read models current (exactly one process per read store should). */
  projector: boolean;
  /** Requests per second per key or address; 0 turns the limit off. Default DEFAULT_RATE_LIMIT. */
  rateLimit?: number;
  /** Default DEFAULT_TIMEOUTS. */
  timeouts?: Partial<Timeouts>;
  /** The notary's key and checkpoint cadence; from the environment when absent (tests). */
  notary?: NotaryConfig;
  /** Where Prometheus scrapes /metrics; off when absent (FRESH_METRICS_PORT unset). */
  metrics?: MetricsEndpoint;
}

/** The metrics port: its own, never the API's; loopback unless FRESH_METRICS_HOST says otherwise. */
export interface MetricsEndpoint {
  port: number;
  host: string;
}

export const DEFAULT_METRICS_HOST = '127.0.0.1';

function number(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new ConfigError(`${name} must be a number ≥ 0, not "${text}"`);
  return value;
}

function metricsEndpoint(env: NodeJS.ProcessEnv, apiPort: number): MetricsEndpoint | undefined {
  const text = env.FRESH_METRICS_PORT;
  if (text === undefined || text === '') return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new ConfigError(`FRESH_METRICS_PORT must be a port number (1-65535), not "${text}"`);
  if (port === apiPort)
    throw new ConfigError(
      `FRESH_METRICS_PORT must differ from PORT (${apiPort}): metrics are never served on the API port`,
    );
  const host = env.FRESH_METRICS_HOST || DEFAULT_METRICS_HOST;
  return { port, host };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const stores = storeConfigFromEnv(env);
  const port = Number(env.PORT ?? 3000);
  return {
    port,
    stores,
    bodyLimit: Number(env.FRESH_BODY_LIMIT ?? 256 * 1024),
    logLevel: env.FRESH_LOG_LEVEL ?? 'info',
    projector: (env.FRESH_PROJECTOR ?? 'on') !== 'off',
    rateLimit: number(env, 'FRESH_RATE_LIMIT', DEFAULT_RATE_LIMIT),
    timeouts: {
      headers: number(env, 'FRESH_HEADERS_TIMEOUT_MS', DEFAULT_TIMEOUTS.headers),
      request: number(env, 'FRESH_REQUEST_TIMEOUT_MS', DEFAULT_TIMEOUTS.request),
      keepAlive: number(env, 'FRESH_KEEP_ALIVE_TIMEOUT_MS', DEFAULT_TIMEOUTS.keepAlive),
      shutdownGrace: number(env, 'FRESH_SHUTDOWN_GRACE_MS', DEFAULT_TIMEOUTS.shutdownGrace),
    },
    notary: notaryConfigFromEnv(env, stores.dataDir),
    metrics: metricsEndpoint(env, port),
  };
}
