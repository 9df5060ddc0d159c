import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export function fresh(args: string[], dataDir: string): string {
  return execFileSync('node', [join(ROOT, 'bin', 'fresh.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, FRESH_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
}

export function freshRun(args: string[], dataDir: string) {
  const run = spawnSync('node', [join(ROOT, 'bin', 'fresh.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, FRESH_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The service as a separate process, the way `npm start` runs it. */
export class ServerProcess {
  /** What the process wrote, stdout and stderr together. */
  output = '';

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
  }

  static async start(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
    const port = await freePort();
    const child = spawn('node', [join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')], {
      env: {
        ...process.env,
        PORT: String(port),
        FRESH_DATA_DIR: dataDir,
        FRESH_LOG_LEVEL: 'warn',
        // One process, as the suites that kill or stop "the service" mean; FRESH_WORKERS > 1 is
        // tested in workers.e2e-spec.ts.
        FRESH_WORKERS: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = `http://127.0.0.1:${port}`;
    for (const until = Date.now() + 30_000; Date.now() < until;) {
      const up = await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return new ServerProcess(child, url);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    throw new Error('the server did not start');
  }

  /** Sends the signal; resolves with how the process ended. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => {
      this.child.once('exit', (code, by) => resolve({ code, signal: by }));
      this.child.kill(signal);
    });
  }

  killHard(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
}
