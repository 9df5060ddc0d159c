import Database from 'better-sqlite3';
import { join } from 'node:path';
import { tempDataDir } from './support/harness';
import { clientOfP1, seedOnePartner } from './support/one-partner';
import { PinnedConnection } from './support/pinned-connection';
import { fresh, ServerProcess } from './support/server-process';

/** The README's bound ("Operating it → Both cores"): a 201 from any worker is read on every worker within it. */
const VISIBLE_WITHIN_MS = 1_000;

const keyOf = (dataDir: string, ...args: string[]) =>
  fresh(['keys', 'create', ...args], dataDir)
    .trim()
    .split('\n')
    .at(-1)!;

/** Polls `probe` every 10 ms until it holds; how long that took, or a failure after `ms`. */
async function until(probe: () => Promise<boolean>, ms: number, what: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Started: both workers listen (the primary's start-up line says so). */
const bothListening = (server: ServerProcess) =>
  until(async () => server.output.includes('with 2 workers'), 30_000, 'the start-up line');

describe('FRESH_WORKERS=2: one port, two processes, one data dir', () => {
  const dataDir = tempDataDir();
  const vendor = keyOf(dataDir, '--role', 'vendor');
  const partner = keyOf(dataDir, '--role', 'partner', '--partner', 'P1');
  const auditor = keyOf(dataDir, '--role', 'auditor');
  let server: ServerProcess;
  let a: PinnedConnection;
  let b: PinnedConnection;

  beforeAll(async () => {
    server = await ServerProcess.start(dataDir, { FRESH_WORKERS: '2', FRESH_LOG_LEVEL: 'info' });
    await bothListening(server);
    [a, b] = await PinnedConnection.toWorkers(server.url, 2);
    const ok = async (method: string, path: string, body: unknown, key = vendor) => {
      const answer = await a.call(method, path, { key, body });
      if (answer.status !== 201)
        throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    };
    await seedOnePartner(ok, partner);
  }, 90_000);

  afterAll(async () => {
    a?.close();
    b?.close();
    await server?.killHard();
  });

  it('answers on one port from two processes, each named by /health, with one start-up line', async () => {
    expect(a.worker.pid).not.toBe(b.worker.pid);
    expect(new Set([a.worker.id, b.worker.id]).size).toBe(2);
    expect([a.worker.pid, b.worker.pid]).not.toContain(server.child.pid);
    const started = server.output
      .split('\n')
      .filter((l) => l.includes('fresh-partners listening on'));
    expect(started).toHaveLength(1);
    expect(started[0]).toContain('with 2 workers');
    // Exactly one projector: one worker runs it, the other stands by and reads its checkpoint.
    const states = await Promise.all(
      [a, b].map(async (c) => (await c.call('GET', '/health')).body.projector.state),
    );
    expect(states.sort()).toEqual(['running', 'standby']);
  });

  it(`shows a command answered 201 by either worker to queries on both within ${VISIBLE_WITHIN_MS} ms`, async () => {
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const [writer, other] = i % 2 === 0 ? [a, b] : [b, a];
      const clientId = `CV-${i}`;
      const answer = await writer.call('POST', '/api/v1/clients', {
        key: partner,
        body: clientOfP1(clientId),
      });
      expect(answer.status).toBe(201);
      for (const reader of [other, writer]) {
        const delay = await until(
          async () =>
            (await reader.call('GET', `/api/v1/clients/${clientId}`, { key: vendor })).status ===
            200,
          VISIBLE_WITHIN_MS,
          `${clientId} on worker ${reader.worker.id}`,
        );
        delays.push(delay);
      }
      const view = await other.call('GET', `/api/v1/clients/${clientId}`, { key: vendor });
      expect([view.body.clientId, view.body.partnerId]).toEqual([clientId, 'P1']);
    }
    expect(Math.max(...delays)).toBeLessThanOrEqual(VISIBLE_WITHIN_MS);
  });

  it('answers one Idempotency-Key sent at once to both workers the same, and records it once', async () => {
    for (let i = 0; i < 5; i++) {
      const body = {
        saleId: `SI-${i}`,
        partnerId: 'P1',
        clientId: 'C1',
        positionCode: 'BP-5-12',
        quantity: 1,
        soldOn: '2015-01-15',
      };
      const headers = { 'Idempotency-Key': `retry-SI-${i}` };
      const [first, second] = await Promise.all(
        [a, b].map((c) => c.call('POST', '/api/v1/sales', { key: partner, body, headers })),
      );
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body).toEqual(first.body);
      expect(first.body.events.map((e: { type: string }) => e.type)).toEqual([
        'SubscriptionSold',
        'DiscountApplied',
      ]);
      expect(
        [first.headers['idempotent-replayed'], second.headers['idempotent-replayed']].sort(),
      ).toEqual(['true', undefined]);
    }
    const events = new Database(join(dataDir, 'events.db'), { readonly: true });
    try {
      const rows = events
        .prepare(
          "SELECT stream_id, count(*) AS n FROM events WHERE stream_id LIKE 'sale-SI-%' GROUP BY stream_id",
        )
        .all();
      expect(rows).toEqual([0, 1, 2, 3, 4].map((i) => ({ stream_id: `sale-SI-${i}`, n: 2 })));
    } finally {
      events.close();
    }
  });

  it('lets auditors search on either worker: one keeps the audit index, the other reads its file', async () => {
    for (const worker of [a, b]) {
      const found = await worker.call('GET', '/api/v1/audit/sales?partnerId=P1&limit=100', {
        key: auditor,
      });
      expect(found.status).toBe(200);
      expect(found.body.items.map((s: { saleId: string }) => s.saleId).sort()).toEqual([
        'SI-0',
        'SI-1',
        'SI-2',
        'SI-3',
        'SI-4',
      ]);
    }
  });

  it('replaces a worker that dies, and keeps the projector going on one worker', async () => {
    const dead = b.worker.pid;
    b.close();
    process.kill(dead, 'SIGKILL');
    await until(async () => !alive(dead), 5_000, `worker ${dead} gone`);
    let pids = new Set<number>();
    await until(
      async () => {
        const connections = await PinnedConnection.toWorkers(server.url, 2, 20).catch(() => []);
        pids = new Set(connections.map((c) => c.worker.pid));
        connections.forEach((c) => c.close());
        return pids.size === 2;
      },
      30_000,
      'a replacement worker',
    );
    expect(pids.has(dead)).toBe(false);
    expect(pids.has(a.worker.pid)).toBe(true);
    expect(server.output).toMatch(
      new RegExp(`pid ${dead}\\) ended \\(SIGKILL\\); a new worker starts in \\d+ ms`),
    );
    [b] = (await PinnedConnection.toWorkers(server.url, 2)).filter(
      (c) => c.worker.pid !== a.worker.pid,
    );
    // Whichever worker projects (the dead one's lease lapses within 10 s), commands still reach both.
    const answer = await b.call('POST', '/api/v1/clients', {
      key: partner,
      body: clientOfP1('CR-1'),
    });
    expect(answer.status).toBe(201);
    await until(
      async () => (await a.call('GET', '/api/v1/clients/CR-1', { key: vendor })).status === 200,
      15_000,
      'CR-1 after the replacement',
    );
  }, 60_000);

  it('drains both workers on SIGTERM and exits 0 with one line', async () => {
    const pids = [a.worker.pid, b.worker.pid];
    a.close();
    b.close();
    const ended = await server.stop('SIGTERM');
    expect(ended).toEqual({ code: 0, signal: null });
    const lines = server.output.split('\n').filter((l) => l.includes('stopped on SIGTERM'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /stopped on SIGTERM in \d+ ms: 2 workers drained, every request in flight answered, projector checkpoint \d+, stores closed/,
    );
    expect(pids.filter(alive)).toEqual([]);
  }, 30_000);
});

describe('FRESH_WORKERS=2: the rate limit and the primary’s end', () => {
  const dataDir = tempDataDir();
  const analyst = keyOf(dataDir, '--role', 'analyst');
  let server: ServerProcess;
  let workers: PinnedConnection[] = [];

  beforeAll(async () => {
    // 1 request/s over a 10 s window: 10 requests per key, counted across both workers.
    server = await ServerProcess.start(dataDir, {
      FRESH_WORKERS: '2',
      FRESH_RATE_LIMIT: '1',
      FRESH_LOG_LEVEL: 'info',
    });
    // Each /health below counts against this address's 10 requests: pin once both workers listen.
    await bothListening(server);
    workers = await PinnedConnection.toWorkers(server.url, 2);
  }, 90_000);

  afterAll(async () => {
    workers.forEach((w) => w.close());
    await server?.killHard();
  });

  it('counts one key’s requests on both workers against one limit', async () => {
    const statuses: number[] = [];
    const codes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const answer = await workers[i % 2].call('GET', '/api/v1/partners/P-NONE', { key: analyst });
      statuses.push(answer.status);
      if (answer.status === 429) codes.push(answer.body.code);
    }
    // Counted per process, each worker would have let 10 through: 20 answers, no 429.
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses.slice(10)).toEqual(Array(10).fill(429));
    expect(new Set(codes)).toEqual(new Set(['RATE_LIMITED']));
  });

  it('leaves no worker alive when the primary is killed with SIGKILL', async () => {
    const pids = workers.map((w) => w.worker.pid);
    expect(pids.every(alive)).toBe(true);
    await server.killHard();
    await until(async () => pids.every((pid) => !alive(pid)), 5_000, 'the workers ending');
    expect(pids.filter(alive)).toEqual([]);
  });
});
