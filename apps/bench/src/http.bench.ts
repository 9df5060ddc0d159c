import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fresh, seedOnePartner, startServer } from './bench-server';

interface Load {
  perSec: number;
  p99: number;
  ok: number;
  failed: number;
}

/** The load generator in a process of its own (see load-generator.ts). */
function load(url: string, key: string, seconds: number, connections: number, rate?: number): Load {
  const args = [
    join(__dirname, 'load-generator.js'),
    url,
    key,
    String(seconds),
    String(connections),
    ...(rate ? [String(rate)] : []),
  ];
  const output = execFileSync('node', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as Load;
}

/**
 * Commands over HTTP against the real server process: throughput, then p99 at 1 000 requests/s.
 * The server runs FRESH_WORKERS processes (as set, else the number of cores, the service's default).
 */
export async function httpBench(seconds: number) {
  const workers = process.env.FRESH_WORKERS || String(availableParallelism());
  const dataDir = mkdtempSync(join(tmpdir(), 'fresh-bench-http-'));
  const vendor = fresh(dataDir, 'keys', 'create', '--role', 'vendor');
  const partner = fresh(dataDir, 'keys', 'create', '--role', 'partner', '--partner', 'P1');
  // One partner key at thousands of requests per second: no rate limit.
  const { url, stop } = await startServer(dataDir, {
    FRESH_RATE_LIMIT: '0',
    FRESH_WORKERS: workers,
  });
  try {
    await seedOnePartner(url, vendor, partner);
    const throughput = load(url, partner, seconds, 32);
    const paced = load(url, partner, seconds, 32, 1_000);
    return {
      httpWorkers: Number(workers),
      httpPerSec: throughput.perSec,
      httpP99Ms: paced.p99,
      httpOk: throughput.ok + paced.ok,
      httpFailed: throughput.failed + paced.failed,
    };
  } finally {
    stop();
  }
}
