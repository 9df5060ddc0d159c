import { randomUUID } from 'node:crypto';
import { EsdbEventStore, RecordedEvent, StoreUnavailableError } from '../src';
import { EsdbStandIn } from '../../../test/esdb-stand-in/esdb-stand-in';
import { newEvent } from './event-store.contract';

const waitFor = async (condition: () => boolean, ms = 20_000) => {
  for (const until = Date.now() + ms; !condition();) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** The live phase of an $all subscription: batches for a slow handler; a dead connection is found. */
describe('EventStoreDB live subscription (gRPC stand-in)', () => {
  let standIn: EsdbStandIn;
  let store: EsdbEventStore;
  beforeAll(async () => {
    standIn = new EsdbStandIn();
    // Checks every 50 ms: the old watchdog dropped a subscription lagging for 3 checks.
    store = new EsdbEventStore(await standIn.start(), { stallCheckMs: 50 });
  });
  afterAll(async () => {
    await store.close();
    await standIn.stop();
  });

  /** Subscribes from the log's head; waits until it delivered a first event and follows the server live. */
  const goLive = async (handler: (events: RecordedEvent[]) => Promise<void> | void) => {
    const opened = standIn.subscriptions;
    const s = `live-${randomUUID().slice(0, 8)}`;
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll(
      { after: await store.headPosition(), batchSize: 1_000 },
      async (events) => {
        seen.push(...events);
        await handler(events);
      },
    );
    let failure: unknown;
    subscription.done.catch((e: unknown) => (failure = e));
    await store.append(s, [newEvent('First')], 'no_stream');
    await waitFor(() => seen.length === 1 && standIn.subscriptions > opened);
    return { subscription, seen, failure: () => failure };
  };

  it('lets a slow handler fall behind without being dropped, and hands it what arrived in batches', async () => {
    const batches: number[] = [];
    const live = await goLive(async (events) => {
      batches.push(events.length);
      await new Promise((r) => setTimeout(r, 300)); // a slow projection
    });
    // 8 writers, 20 appends each: the log runs far ahead of the handler.
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        const s = `writer-${w}-${randomUUID().slice(0, 8)}`;
        for (let i = 0; i < 20; i++)
          await store.append(s, [newEvent(`E${i}`)], i - 1 < 0 ? 'no_stream' : i - 1);
      }),
    );
    await waitFor(() => live.seen.length === 161 || live.failure() !== undefined);
    expect(live.failure()).toBeUndefined();
    const positions = live.seen.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(positions).size).toBe(161);
    expect(batches.length).toBeLessThan(161);
    expect(Math.max(...batches)).toBeGreaterThan(1);
    await waitFor(() => live.subscription.position === positions.at(-1));
    await live.subscription.stop();
  }, 30_000);

  it('declares a subscription dead when nothing arrives while the log grows', async () => {
    const live = await goLive(() => undefined);
    standIn.faults.silentSubscriptions = true;
    try {
      await store.append(`silent-${randomUUID().slice(0, 8)}`, [newEvent('Lost')], 'no_stream');
      await expect(live.subscription.done).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(live.subscription.done).rejects.toThrow('no events received while the log grew');
      expect(live.seen).toHaveLength(1);
    } finally {
      standIn.faults.silentSubscriptions = false;
    }
  });
});
