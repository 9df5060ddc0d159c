import { randomUUID } from 'node:crypto';
import {
  chainHash,
  EventStore,
  GENESIS,
  NewEvent,
  RecordedEvent,
  verifyLog,
  WrongExpectedRevisionError,
} from '../src';

export function newEvent(type: string, data: Record<string, unknown> = {}): NewEvent {
  return {
    type,
    schemaVersion: 1,
    data,
    metadata: {
      eventId: randomUUID(),
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      actor: { keyId: 'key-1', role: 'vendor' },
      businessDate: '2015-01-15',
      recordedAt: '2015-01-15T09:00:00.000Z',
      command: { type: 'Test', route: 'POST /test', receivedAt: '2015-01-15T09:00:00.000Z' },
    },
  };
}

const waitFor = async (condition: () => boolean, ms = 5_000) => {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/**
 * The behaviour every EventStore adapter must show. `open` gives a fresh, empty store;
 * streams get unique names so a shared server can run it too.
 */
export function eventStoreContract(name: string, open: () => Promise<EventStore>) {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let stream: (name: string) => string;
    beforeEach(async () => {
      store = await open();
      const run = randomUUID().slice(0, 8);
      stream = (n) => `${n}-${run}`;
    });
    afterEach(() => store.close());

    it('appends to a new stream from revision 0 and reads it back as written', async () => {
      const s = stream('partner');
      const written = [
        newEvent('PartnerRegistered', { partnerId: 'P1', name: 'Альфа' }),
        newEvent('PartnerCertified', { n: 1 }),
      ];
      const result = await store.append(s, written, 'no_stream');
      expect(result.nextRevision).toBe(1);
      expect(result.events.map((e) => e.revision)).toEqual([0, 1]);
      const read = await store.readStream(s);
      expect(
        read.map(({ type, data, metadata, schemaVersion }) => ({
          type,
          data,
          metadata,
          schemaVersion,
        })),
      ).toEqual(written);
      expect(read.map((e) => [e.streamId, e.revision, e.position, e.hash])).toEqual(
        result.events.map((e) => [e.streamId, e.revision, e.position, e.hash]),
      );
      // A read event is a plain record: a copy keeps every field.
      expect({ ...read[1] }).toEqual({
        ...written[1],
        streamId: s,
        revision: 1,
        position: read[1].position,
        hash: read[1].hash,
      });
      expect(typeof read[0].position).toBe('bigint');
      expect(read[1].position > read[0].position).toBe(true);
    });

    it('reads an absent stream as empty, and a stream from a revision', async () => {
      expect(await store.readStream(stream('absent'))).toEqual([]);
      const s = stream('s');
      await store.append(s, [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');
      expect((await store.readStream(s, 1)).map((e) => e.type)).toEqual(['B', 'C']);
    });

    it('refuses no_stream for a stream that exists, and writes nothing', async () => {
      const s = stream('s');
      await store.append(s, [newEvent('A')], 'no_stream');
      await expect(store.append(s, [newEvent('B')], 'no_stream')).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A']);
    });

    it('appends at the exact expected revision and refuses a stale one', async () => {
      const s = stream('s');
      await store.append(s, [newEvent('A')], 'no_stream');
      await store.append(s, [newEvent('B')], 0);
      const stale = store.append(s, [newEvent('C')], 0);
      await expect(stale).rejects.toMatchObject({
        name: 'WrongExpectedRevisionError',
        streamId: s,
        expected: 0,
      });
      await expect(store.append(stream('other'), [newEvent('X')], 0)).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B']);
    });

    it('appends with any whether or not the stream exists', async () => {
      const s = stream('s');
      await store.append(s, [newEvent('A')], 'any');
      const { nextRevision } = await store.append(s, [newEvent('B')], 'any');
      expect(nextRevision).toBe(1);
    });

    it('lets exactly one of ten racing appends at the same revision win', async () => {
      const s = stream('race');
      await store.append(s, [newEvent('A')], 'no_stream');
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => store.append(s, [newEvent(`B${i}`)], 0)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(losers).toHaveLength(9);
      losers.forEach((r) => expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError));
      expect(await store.readStream(s)).toHaveLength(2);
    });

    it('orders the whole log by position across streams and reads it in batches after a position', async () => {
      const a = stream('a');
      const b = stream('b');
      await store.append(a, [newEvent('A0')], 'no_stream');
      await store.append(b, [newEvent('B0'), newEvent('B1')], 'no_stream');
      await store.append(a, [newEvent('A1')], 0);
      const mine = (events: RecordedEvent[]) =>
        events.filter((e) => e.streamId === a || e.streamId === b);
      const all: RecordedEvent[] = [];
      let after: bigint | undefined;
      for (;;) {
        const batch = await store.readAll({ after, maxCount: 2 });
        if (batch.length === 0) break;
        expect(batch.length).toBeLessThanOrEqual(2);
        all.push(...batch);
        after = batch[batch.length - 1].position;
      }
      expect(mine(all).map((e) => e.type)).toEqual(['A0', 'B0', 'B1', 'A1']);
      for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);
      const fromB1 = mine(await store.readAll({ after: mine(all)[1].position, maxCount: 100 }));
      expect(fromB1.map((e) => e.type)).toEqual(['B1', 'A1']);
    });

    it('reads the log as stored: the JSON texts the hashes cover, in position order, after a position', async () => {
      const a = stream('stored');
      await store.append(
        a,
        [newEvent('S0', { b: 1, a: 'Альфа', 10: [1.5, null] }), newEvent('S1', { n: -0.25 })],
        'no_stream',
      );
      const read = (await store.readAll({ maxCount: 10_000 })).filter((e) => e.streamId === a);
      const first = read[0].position;
      const before = (await store.readAll({ maxCount: 10_000 })).filter((e) => e.position < first);
      const after = before.at(-1)?.position;
      const stored = await store.readStoredLog({ after, maxCount: 2 });
      expect(stored).toEqual(
        read.map((e) => ({
          position: e.position,
          streamId: a,
          revision: e.revision,
          type: e.type,
          schemaVersion: 1,
          dataJson: JSON.stringify(e.data),
          metadataJson: JSON.stringify(e.metadata),
          hash: e.hash,
        })),
      );
      expect(stored[0].dataJson).toBe('{"10":[1.5,null],"b":1,"a":"Альфа"}');
      expect(chainHash(GENESIS, a, 0, 'S0', 1, stored[0].dataJson, stored[0].metadataJson)).toBe(
        stored[0].hash,
      );
      expect(await store.readStoredLog({ after: stored[1].position, maxCount: 2 })).toEqual(
        (await store.readAll({ after: stored[1].position, maxCount: 2 })).map((e) =>
          expect.objectContaining({ position: e.position, streamId: e.streamId }),
        ),
      );
    });

    it('reads only the event types asked for, in order and in batches', async () => {
      const [kept, other] = [stream('Kept'), stream('Other')];
      await store.append(stream('a'), [newEvent(kept, { n: 1 }), newEvent(other)], 'no_stream');
      await store.append(stream('b'), [newEvent(other), newEvent(kept, { n: 2 })], 'no_stream');
      await store.append(stream('a'), [newEvent(kept, { n: 3 })], 1);
      const read: RecordedEvent[] = [];
      let after: bigint | undefined;
      for (;;) {
        const batch = await store.readAll({ after, maxCount: 2, types: [kept, 'Absent'] });
        if (batch.length === 0) break;
        expect(batch.length).toBeLessThanOrEqual(2);
        read.push(...batch);
        after = batch[batch.length - 1].position;
      }
      expect(read.map((e) => [e.type, e.data])).toEqual([
        [kept, { n: 1 }],
        [kept, { n: 2 }],
        [kept, { n: 3 }],
      ]);
    });

    it('catches a subscription up from a position, then delivers new events live, in order', async () => {
      const s = stream('sub');
      const first = await store.append(
        s,
        [newEvent('E0'), newEvent('E1'), newEvent('E2')],
        'no_stream',
      );
      const seen: string[] = [];
      const subscription = store.subscribeToAll(
        { after: first.events[0].position, batchSize: 2 },
        (events) => {
          for (const e of events) if (e.streamId === s) seen.push(e.type);
        },
      );
      await waitFor(() => seen.length === 2);
      await store.append(s, [newEvent('E3')], 2);
      await store.append(s, [newEvent('E4')], 3);
      await waitFor(() => seen.length === 4);
      expect(seen).toEqual(['E1', 'E2', 'E3', 'E4']);
      const last = (await store.readStream(s)).at(-1)!;
      await waitFor(
        () =>
          subscription.position === last.position || (subscription.position ?? 0n) > last.position,
      );
      await subscription.stop();
      await store.append(s, [newEvent('E5')], 4);
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toEqual(['E1', 'E2', 'E3', 'E4']);
    });

    it('stops a subscription whose handler throws, and reports the error', async () => {
      const s = stream('boom');
      await store.append(s, [newEvent('E0')], 'no_stream');
      let calls = 0;
      const subscription = store.subscribeToAll({}, () => {
        calls++;
        throw new Error('projection failed');
      });
      await expect(subscription.done).rejects.toThrow('projection failed');
      await store.append(s, [newEvent('E1')], 0);
      await new Promise((r) => setTimeout(r, 50));
      expect(calls).toBe(1);
    });

    it('chains each event’s hash to the previous event of its stream', async () => {
      const s = stream('chain');
      const { events } = await store.append(
        s,
        [newEvent('A', { x: 1 }), newEvent('B', { y: 'й' })],
        'no_stream',
      );
      const expected0 = chainHash(
        GENESIS,
        s,
        0,
        'A',
        1,
        JSON.stringify({ x: 1 }),
        JSON.stringify(events[0].metadata),
      );
      expect(events[0].hash).toBe(expected0);
      expect(events[1].hash).toBe(
        chainHash(
          expected0,
          s,
          1,
          'B',
          1,
          JSON.stringify({ y: 'й' }),
          JSON.stringify(events[1].metadata),
        ),
      );
      const report = await verifyLog(store);
      expect(report.intact).toBe(true);
      expect(report.checked).toBeGreaterThanOrEqual(2);
    });

    it('knows the position of the last event of the log', async () => {
      const { events } = await store.append(
        stream('head'),
        [newEvent('A'), newEvent('B')],
        'no_stream',
      );
      expect(await store.headPosition()).toBe(events[1].position);
    });

    it('answers ping while open', async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
