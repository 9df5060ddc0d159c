import { jsonEvent, KurrentDBClient, NO_STREAM } from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import { esdbEventId, EsdbEventStore, toEsdbPosition } from '../src';
import { EsdbStandIn } from '../../../test/esdb-stand-in/esdb-stand-in';
import { newEvent } from './event-store.contract';

/**
 * The write path a 24.10 server makes the client take (ServerFeatures → BatchAppend), its
 * positions, and idempotent appends, on the gRPC stand-in through the real client.
 */
describe('EventStoreDB write path on the gRPC stand-in', () => {
  let standIn: EsdbStandIn;
  let connectionString: string;
  let store: EsdbEventStore;
  beforeAll(async () => {
    standIn = new EsdbStandIn();
    connectionString = await standIn.start();
  });
  beforeEach(() => (store = new EsdbEventStore(connectionString)));
  afterEach(() => store.close());
  afterAll(() => standIn.stop());
  const stream = () => `s-${randomUUID().slice(0, 8)}`;

  it('appends through BatchAppend once the server advertises it', async () => {
    const before = standIn.batchAppends;
    await store.append(stream(), [newEvent('A')], 'no_stream');
    expect(standIn.batchAppends).toBe(before + 1);
  });

  it('gives the events of one append one commit position and distinct, growing prepare positions', async () => {
    const s = stream();
    const { events } = await store.append(
      s,
      [newEvent('A'), newEvent('B'), newEvent('C')],
      'no_stream',
    );
    const positions = standIn.positionsOf(s);
    expect(new Set(positions.map((p) => p.commit)).size).toBe(1);
    expect(positions[0].prepare).toBe(positions[0].commit);
    expect(positions[1].prepare > positions[0].prepare).toBe(true);
    expect(positions[2].prepare > positions[1].prepare).toBe(true);
    // The port's positions keep both halves: distinct, ordered, and read back exactly.
    expect(events.map((e) => toEsdbPosition(e.position))).toEqual(positions);
    const [next] = (await store.append(s, [newEvent('D')], 2)).events;
    expect(toEsdbPosition(next.position).commit > positions[2].prepare).toBe(true);
    const all = await store.readAll({ after: events[0].position, maxCount: 2 });
    expect(all.map((e) => e.type)).toEqual(['B', 'C']);
  });

  it('uses metadata.eventId as the event id; a non-UUID id maps to the same UUID every time', async () => {
    const s = stream();
    const event = newEvent('A');
    await store.append(s, [event], 'no_stream');
    const client = KurrentDBClient.connectionString(connectionString);
    try {
      for await (const resolved of client.readStream(s)) {
        expect(resolved.event?.id).toBe(event.metadata.eventId);
      }
    } finally {
      await client.dispose();
    }
    const id = esdbEventId('cmd-42:idem-key-7:0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(esdbEventId('cmd-42:idem-key-7:0')).toBe(id);
    expect(esdbEventId('cmd-42:idem-key-7:1')).not.toBe(id);
  });

  it('answers the same event ids appended again at the same expected revision with the first result (the server)', async () => {
    const s = stream();
    const client = KurrentDBClient.connectionString(connectionString);
    try {
      const events = [
        jsonEvent({ id: randomUUID(), type: 'A', data: { n: 1 } }),
        jsonEvent({ id: randomUUID(), type: 'B', data: { n: 2 } }),
      ];
      const first = await client.appendToStream(s, events, { streamState: NO_STREAM });
      const again = await client.appendToStream(s, events, { streamState: NO_STREAM });
      expect(again).toEqual(first);
      expect(again.nextExpectedRevision).toBe(1n);
      // Ids that match only in part are a conflict, not a duplicate.
      const partly = [events[0], jsonEvent({ id: randomUUID(), type: 'C', data: {} })];
      await expect(
        client.appendToStream(s, partly, { streamState: NO_STREAM }),
      ).rejects.toMatchObject({
        type: 'wrong-expected-version',
      });
      const types: string[] = [];
      for await (const resolved of client.readStream(s)) types.push(resolved.event!.type);
      expect(types).toEqual(['A', 'B']);
    } finally {
      await client.dispose();
    }
  });

  it('lets a retried append (same ids, same expected revision) succeed without writing twice (the adapter)', async () => {
    const s = stream();
    await store.append(s, [newEvent('A')], 'no_stream');
    const retried = [newEvent('B'), newEvent('C')];
    const first = await store.append(s, retried, 0);
    const again = await store.append(s, retried, 0);
    expect(again).toEqual(first);
    expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    const anyFirst = await store.append(s, [newEvent('D')], 'any');
    const anyAgain = await store.append(s, anyFirst.events.map(toNew), 'any');
    expect(anyAgain).toEqual(anyFirst);
    expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
  });
});

const toNew = ({ type, schemaVersion, data, metadata }: ReturnType<typeof newEvent>) => ({
  type,
  schemaVersion,
  data,
  metadata,
});
