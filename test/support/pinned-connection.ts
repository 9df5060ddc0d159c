import { Agent, request } from 'node:http';

export interface PinnedAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Record<string, string | string[] | undefined>;
}

/**
 * One kept-alive connection to the service: node:cluster deals connections (not requests) to the
 * workers, so every request on it is answered by the same worker, the one /health names.
 */
export class PinnedConnection {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  worker!: { id: number; pid: number };

  private constructor(private readonly url: string) {}

  static async open(url: string): Promise<PinnedConnection> {
    const connection = new PinnedConnection(url);
    const health = await connection.call('GET', '/health');
    if (health.status !== 200) throw new Error(`/health answered ${health.status}`);
    connection.worker = health.body.worker;
    return connection;
  }

  /** Connections until there is one to each of `count` distinct workers (at most `tries`). */
  static async toWorkers(url: string, count: number, tries = 200): Promise<PinnedConnection[]> {
    const byPid = new Map<number, PinnedConnection>();
    for (let i = 0; i < tries && byPid.size < count; i++) {
      const connection = await PinnedConnection.open(url);
      if (byPid.has(connection.worker.pid)) connection.close();
      else byPid.set(connection.worker.pid, connection);
    }
    if (byPid.size < count) throw new Error(`only ${byPid.size} distinct workers answered`);
    return [...byPid.values()];
  }

  call(
    method: string,
    path: string,
    options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<PinnedAnswer> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.url}${path}`,
        {
          method,
          agent: this.agent,
          headers: {
            ...(options.key && { authorization: `Bearer ${options.key}` }),
            ...(payload && { 'content-type': 'application/json' }),
            ...options.headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              body:
                text && /json/.test(String(res.headers['content-type'])) ? JSON.parse(text) : text,
              headers: res.headers,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
