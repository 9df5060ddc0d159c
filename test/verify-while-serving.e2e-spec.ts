import { EventStore, LOG_SLICE, ReadAllOptions, SqliteEventStore } from '@fresh/event-store';
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
    // Count the slices the verify reads (the projector reads other sizes).
    const store = api.app.get(EventStore);
    const readAll = store.readAll.bind(store);
    let slices = 0;
    store.readAll = (options: ReadAllOptions) => {
      if (options.maxCount === LOG_SLICE && options.types === undefined) slices++;
      return readAll(options);
    };
    const verify = api.call('GET', '/api/v1/audit/verify', { key: auditor });
    for (const until = Date.now() + 10_000; slices < 2;) {
      if (Date.now() > until) throw new Error('the verify did not start');
      await new Promise((resolve) => setImmediate(resolve));
    }
    const health = await api.call('GET', '/health');
    const slicesWhenHealthAnswered = slices;
    expect(health.status).toBe(200);
    // Answered while the verify was in progress: it still had slices of the log to read.
    expect(slicesWhenHealthAnswered).toBeLessThan((STREAMS * PER_STREAM) / LOG_SLICE);
    expect((await verify).body).toEqual({ intact: true, checked: STREAMS * PER_STREAM });
    expect(slices).toBe((STREAMS * PER_STREAM) / LOG_SLICE + 1); // and the empty read that ends it
  });
});
