import { EventStore, LOG_READ_SIZE, ReadAllOptions, SqliteEventStore } from '@fresh/event-store';
import { join } from 'node:path';
import { Harness, tempDataDir } from './support/harness';

const STREAMS = 30;
const PER_STREAM = 1_000;

const metadata = {
  eventId: 'e',
  correlationId: 'c',
  causationId: 'c',
  actor: { keyId: 'key_test', role: 'partner' },
  businessDate: '2015-01-15',
  recordedAt: '2015-01-15T09:00:00.000Z',
  command: { type: 'T', route: 'R', receivedAt: '2015-01-15T09:00:00.000Z' },
};

describe('GET /api/v1/audit/verify on a large log', () => {
  let api: Harness;

  beforeAll(async () => {
    const dataDir = tempDataDir();
    const events = new SqliteEventStore(join(dataDir, 'events.db'));
    for (let s = 0; s < STREAMS; s++)
      await events.append(
        `sale-S${s}`,
        Array.from({ length: PER_STREAM }, (_, r) => ({
          type: 'SubscriptionSold',
          schemaVersion: 1,
          data: { saleId: `S${s}`, n: r },
          metadata,
        })),
        'no_stream',
      );
    await events.close();
    api = await Harness.start(dataDir);
    await api.settled();
  }, 60_000);
  afterAll(() => api.close());

  it('leaves the service answering /health while it walks the log', async () => {
    const auditor = api.key('auditor');
    // Count the reads of the verify (the projector reads other sizes).
    const store = api.app.get(EventStore).stored; // the verify reads the log as written
    const readAll = store.readAll.bind(store);
    let reads = 0;
    store.readAll = (options: ReadAllOptions) => {
      if (options.maxCount === LOG_READ_SIZE && options.types === undefined) reads++;
      return readAll(options);
    };
    const verify = api.call('GET', '/api/v1/audit/verify', { key: auditor });
    for (const until = Date.now() + 10_000; reads < 2;) {
      if (Date.now() > until) throw new Error('the verify did not start');
      await new Promise((resolve) => setImmediate(resolve));
    }
    const health = await api.call('GET', '/health');
    const readsWhenHealthAnswered = reads;
    expect(health.status).toBe(200);
    // Answered while the verify was in progress: it still had parts of the log to read.
    expect(readsWhenHealthAnswered).toBeLessThan((STREAMS * PER_STREAM) / LOG_READ_SIZE);
    expect((await verify).body).toEqual({ intact: true, checked: STREAMS * PER_STREAM });
    expect(reads).toBe((STREAMS * PER_STREAM) / LOG_READ_SIZE + 1); // and the empty read that ends it
  });
});
