import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** `fresh …` on a data dir; answers the last line it printed (a new key, say). */
export function fresh(dataDir: string, ...args: string[]): string {
  return execFileSync('node', [join(ROOT, 'bin', 'fresh.js'), ...args], {
    env: { ...process.env, FRESH_DATA_DIR: dataDir },
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1)!;
}

/** The built service as a process of its own on a data dir, once it answers /health. */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
  startSeconds = 60,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const server = spawn('node', [join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      FRESH_DATA_DIR: dataDir,
      FRESH_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  server.stderr.on('data', (chunk: Buffer) => (said = (said + chunk.toString()).slice(-2_000)));
  const url = `http://127.0.0.1:${port}`;
  /** Stops the server; resolves once its process has exited (its databases closed). */
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });
  for (const until = Date.now() + startSeconds * 1000; ;) {
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, stop };
    if (Date.now() > until) {
      await stop();
      throw new Error(
        `the server did not start within ${startSeconds} s${said ? `: ${said.trim()}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sends a command; throws unless it was recorded (201). */
export async function send(url: string, method: string, path: string, key: string, body: unknown) {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${await r.text()}`);
}

/**
 * The smallest programme to send sales in: partner P1, a price list, an experiment from
 * 2014-12-08 to 2015-05-31 and client C1 of P1 (connected 2014-12-10), by the keys given.
 */
export async function seedOnePartner(url: string, vendor: string, partner: string) {
  await send(url, 'POST', '/api/v1/partners', vendor, {
    partnerId: 'P1',
    name: 'Bench',
    country: 'RU',
    franchisee: true,
  });
  await send(url, 'PUT', '/api/v1/price-list', vendor, {
    effectiveFrom: '2014-12-01',
    cskDiscountRate: '0.50',
    positions: [{ code: 'BP-5-12', name: 'БП', retailPrice: '12345.67' }],
  });
  await send(url, 'POST', '/api/v1/experiments', vendor, {
    experimentId: 'e',
    startsOn: '2014-12-08',
    endsOn: '2015-05-31',
    discountRate: '0.20',
  });
  await send(url, 'POST', '/api/v1/clients', partner, {
    clientId: 'C1',
    partnerId: 'P1',
    inn: '7707083893',
    name: 'К',
    application: 'БП',
    workplaces: 1,
    basis: 'itsaas',
    connectedOn: '2014-12-10',
  });
}
