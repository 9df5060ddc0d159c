import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

interface Autocannon {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}

/** autocannon in a process of its own, on loopback, for a bounded time. */
function autocannon(url: string, key: string, seconds: number, extra: string[]): Autocannon {
  const body = JSON.stringify({
    saleId: 'S-[<id>]',
    partnerId: 'P1',
    clientId: 'C1',
    positionCode: 'BP-5-12',
    quantity: 1,
    soldOn: '2015-01-15',
  });
  const output = execFileSync(
    'node',
    [
      join(ROOT, 'node_modules', 'autocannon', 'autocannon.js'),
      '-j',
      '-I',
      '-d',
      String(seconds),
      '-m',
      'POST',
      '-H',
      `authorization=Bearer ${key}`,
      '-H',
      'content-type=application/json',
      '-b',
      body,
      ...extra,
      `${url}/api/v1/sales`,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return JSON.parse(output) as Autocannon;
}

/** Commands over HTTP against the real server process: throughput, then p99 at 1 000 requests/s. */
export async function httpBench(seconds: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'fresh-bench-http-'));
  const fresh = (...args: string[]) =>
    execFileSync('node', [join(ROOT, 'bin', 'fresh.js'), ...args], {
      env: { ...process.env, FRESH_DATA_DIR: dataDir },
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .at(-1)!;
  const vendor = fresh('keys', 'create', '--role', 'vendor');
  const partner = fresh('keys', 'create', '--role', 'partner', '--partner', 'P1');
  const port = await freePort();
  const server: ChildProcess = spawn(
    'node',
    [join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')],
    {
      env: { ...process.env, PORT: String(port), FRESH_DATA_DIR: dataDir, FRESH_LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    for (
      const until = Date.now() + 15_000;
      !(await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      ));
    ) {
      if (Date.now() > until) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
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
    const throughput = autocannon(url, partner, seconds, ['-c', '32']);
    const paced = autocannon(url, partner, seconds, ['-c', '32', '-R', '1000']);
    return {
      httpPerSec: throughput.requests.average,
      httpP99Ms: paced.latency.p99,
      httpNon2xx: throughput.non2xx + paced.non2xx + throughput.errors + paced.errors,
    };
  } finally {
    server.kill('SIGTERM');
  }
}
