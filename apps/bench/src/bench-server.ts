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
): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const server = spawn('node', [join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      FRESH_DATA_DIR: dataDir,
      FRESH_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => void server.kill('SIGTERM');
  for (const until = Date.now() + startSeconds * 1000; ;) {
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, stop };
    if (Date.now() > until) {
      stop();
      throw new Error('the server did not start');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
