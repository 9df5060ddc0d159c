import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fresh, startServer } from './bench-server';

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
    const send = async (method: string, path: string, key: string, body: unknown) => {
      const r = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (r.status !== 201) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    };
    await send('POST', '/api/v1/partners', vendor, {
      partnerId: 'P1',
      name: 'Bench',
      country: 'RU',
      franchisee: true,
    });
    await send('PUT', '/api/v1/price-list', vendor, {
      effectiveFrom: '2014-12-01',
      cskDiscountRate: '0.50',
      positions: [{ code: 'BP-5-12', name: 'БП', retailPrice: '12345.67' }],
    });
    await send('POST', '/api/v1/experiments', vendor, {
      experimentId: 'e',
      startsOn: '2014-12-08',
      endsOn: '2015-05-31',
      discountRate: '0.20',
    });
    await send('POST', '/api/v1/clients', partner, {
      clientId: 'C1',
      partnerId: 'P1',
      inn: '7707083893',
      name: 'К',
      application: 'БП',
      workplaces: 1,
      basis: 'itsaas',
      connectedOn: '2014-12-10',
    });
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
