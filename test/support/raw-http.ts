import { connect, Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Whether the server closed the connection after answering. */
  closed: boolean;
}

/** Parses the first HTTP/1.1 answer in what a socket received (Content-Length bodies only). */
export function parseAnswer(raw: string, closed: boolean): RawAnswer | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const length = Number(headers['content-length'] ?? 0);
  const text = Buffer.from(raw.slice(end + 4), 'latin1')
    .subarray(0, length)
    .toString('utf8');
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: text ? JSON.parse(text) : undefined,
    closed,
  };
}

/** A connection to the server on which the test writes exactly the bytes it wants. */
export class RawConnection {
  private received = '';
  private closedAt?: number;
  private readonly socket: Socket;

  constructor(url: string) {
    const { hostname, port } = new URL(url);
    this.socket = connect(Number(port), hostname);
    this.socket.on('data', (chunk: Buffer) => (this.received += chunk.toString('latin1')));
    this.socket.on('close', () => (this.closedAt = Date.now()));
    this.socket.on('error', () => undefined);
  }

  write(bytes: string | Buffer): Promise<void> {
    return new Promise((resolve) => this.socket.write(bytes, () => resolve()));
  }

  get closed(): boolean {
    return this.closedAt !== undefined;
  }

  /** Waits, at most `withinMs`, until what the server sent matches. */
  async until(pattern: RegExp, withinMs: number): Promise<void> {
    for (const until = Date.now() + withinMs; !pattern.test(this.received);) {
      if (Date.now() > until)
        throw new Error(`the server did not send ${pattern} in ${withinMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits, at most `withinMs`, until the server closes the connection; the answer it sent, if any. */
  async untilClosed(withinMs: number): Promise<RawAnswer | undefined> {
    for (const until = Date.now() + withinMs; !this.closed && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 20));
    if (!this.closed) throw new Error(`the server kept the connection open for ${withinMs} ms`);
    return parseAnswer(this.received, true);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** Sends bytes on a new connection and returns the answer once the server closes it. */
export async function rawRequest(url: string, bytes: string | Buffer, withinMs = 5_000) {
  const connection = new RawConnection(url);
  try {
    await connection.write(bytes);
    return await connection.untilClosed(withinMs);
  } finally {
    connection.destroy();
  }
}
