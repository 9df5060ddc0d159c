import { DomainError } from '@fresh/domain';
import { SqliteEventStore } from '@fresh/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Clock,
  CommandEnvelope,
  ConcurrencyConflictError,
  DecisionRunner,
  idempotentEventId,
  IdempotencyKeyReusedError,
  MAX_ATTEMPTS,
  RandomIds,
} from '../src';
import { saleSource } from '../src/sources';

class FixedClock extends Clock {
  now = () => new Date('2015-01-15T09:00:00.000Z');
}

const envelope: CommandEnvelope = {
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  actor: { keyId: 'key_1', role: 'vendor' },
  route: 'POST /test',
  receivedAt: '2015-01-15T09:00:00.000Z',
  today: '2015-01-15',
};
const sold = (saleId: string) => ({
  type: 'SubscriptionSold' as const,
  data: {
    saleId,
    partnerId: 'P1',
    clientId: 'C1',
    positionCode: 'X',
    positionName: 'X',
    quantity: 1,
    unitPrice: 100,
    retail: 100,
    soldOn: '2015-01-15',
  },
});

describe('DecisionRunner', () => {
  let store: SqliteEventStore;
  let runner: DecisionRunner;
  beforeEach(() => {
    store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'fresh-runner-')), 'events.db'));
    runner = new DecisionRunner(store, new FixedClock(), new RandomIds());
  });
  afterEach(() => store.close());

  /** Another writer appends to the target stream between our read and our append. */
  const interfere = (streamId: string) =>
    store.append(
      streamId,
      [
        {
          type: 'SubscriptionSold',
          schemaVersion: 1,
          data: sold('S1').data,
          metadata: { ...envelopeMeta },
        },
      ],
      'any',
    );
  const envelopeMeta = {
    eventId: 'e',
    correlationId: 'c',
    causationId: 'x',
    actor: { keyId: 'k', role: 'vendor' },
    businessDate: '2015-01-15',
    recordedAt: '2015-01-15T09:00:00.000Z',
    command: { type: 'T', route: 'R', receivedAt: 'R' },
  };

  it('records the metadata of the command on every event', async () => {
    const [event] = await runner.run(envelope, {
      commandType: 'Test',
      businessDate: '2015-01-14',
      target: saleSource('S1'),
      reads: {},
      decide: () => [sold('S1')],
    });
    expect(event.metadata).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      actor: { keyId: 'key_1', role: 'vendor' },
      businessDate: '2015-01-14',
      recordedAt: '2015-01-15T09:00:00.000Z',
      command: { type: 'Test', route: 'POST /test', receivedAt: '2015-01-15T09:00:00.000Z' },
    });
  });

  it('decides again on the new state after losing a race, and refuses what is now taken', async () => {
    let calls = 0;
    const run = runner.run(envelope, {
      commandType: 'SellSubscription',
      businessDate: '2015-01-15',
      target: saleSource('S1'),
      reads: {},
      decide: (state) => {
        calls++;
        if (calls === 1) void interfere('sale-S1'); // lands before our append
        if (state.exists) throw new DomainError('ALREADY_EXISTS', 'sale S1 already exists');
        return [sold('S1')];
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(calls).toBe(2);
    expect(await store.readStream('sale-S1')).toHaveLength(1);
  });

  it(`gives up with a concurrency conflict after ${MAX_ATTEMPTS} lost races, recording nothing of its own`, async () => {
    let calls = 0;
    const run = runner.run(envelope, {
      commandType: 'Test',
      businessDate: '2015-01-15',
      target: saleSource('S2'),
      reads: {},
      decide: () => {
        calls++;
        void interfere('sale-S2');
        return [sold('S2')];
      },
    });
    await expect(run).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(calls).toBe(MAX_ATTEMPTS);
    expect(await store.readStream('sale-S2')).toHaveLength(MAX_ATTEMPTS);
  });

  describe('with an Idempotency-Key', () => {
    const idempotency = { key: 'k'.repeat(64), fingerprint: 'f'.repeat(64) };
    const keyed: CommandEnvelope = { ...envelope, idempotency };
    const sell = (saleId: string, onDecide: () => void = () => undefined) => ({
      commandType: 'SellSubscription',
      businessDate: '2015-01-15',
      target: saleSource(saleId),
      reads: {},
      decide: (state: { exists: boolean }) => {
        onDecide();
        if (state.exists) throw new DomainError('ALREADY_EXISTS', `sale ${saleId} already exists`);
        return [sold(saleId)];
      },
    });
    /** What another process, which ran the same command first, recorded. */
    const recordedElsewhere = (streamId: string) =>
      store.append(
        streamId,
        [
          {
            type: 'SubscriptionSold',
            schemaVersion: 1,
            data: sold('S1').data,
            metadata: {
              ...envelopeMeta,
              eventId: idempotentEventId(idempotency, 0),
              causationId: 'cmd-elsewhere',
              idempotency,
            },
          },
        ],
        'any',
      );

    it('records the key with the events, and derives their ids from the key and the request (UUID v5)', async () => {
      const [event] = await runner.run(keyed, sell('S1'));
      expect(event.metadata.idempotency).toEqual(idempotency);
      expect(event.metadata.eventId).toBe(idempotentEventId(idempotency, 0));
      expect(event.metadata.eventId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(idempotentEventId(idempotency, 1)).not.toBe(event.metadata.eventId);
      expect(idempotentEventId({ ...idempotency, fingerprint: 'e'.repeat(64) }, 0)).not.toBe(
        event.metadata.eventId,
      );
    });

    it('answers the recorded events to a retry, without deciding again (not 409 ALREADY_EXISTS)', async () => {
      const first = await runner.run(keyed, sell('S1'));
      const restarted = new DecisionRunner(store, new FixedClock(), new RandomIds());
      let decided = 0;
      const again = await restarted.run(
        { ...keyed, commandId: 'cmd-2' },
        sell('S1', () => decided++),
      );
      expect(again).toEqual(first);
      expect(decided).toBe(0);
      expect(await store.readStream('sale-S1')).toHaveLength(1);
    });

    it('after losing the race to another process with the same key, answers what that one recorded', async () => {
      let decided = 0;
      const answer = await runner.run(
        keyed,
        sell('S1', () => {
          if (decided++ === 0) void recordedElsewhere('sale-S1'); // lands before our append
        }),
      );
      expect(decided).toBe(1);
      expect(answer.map((e) => e.metadata.causationId)).toEqual(['cmd-elsewhere']);
      expect(await store.readStream('sale-S1')).toEqual(answer);
    });

    it('finds a key recorded by another process after the state it keeps in memory', async () => {
      await runner.run(envelope, sell('S1')); // the runner now keeps sale-S1 at revision 0
      await recordedElsewhere('sale-S1');
      const answer = await runner.run(keyed, sell('S1'));
      expect(answer.map((e) => [e.revision, e.metadata.causationId])).toEqual([
        [1, 'cmd-elsewhere'],
      ]);
    });

    it('refuses the key with another request on the same stream, recording nothing', async () => {
      await runner.run(keyed, sell('S1'));
      const other = { ...keyed, idempotency: { ...idempotency, fingerprint: 'e'.repeat(64) } };
      await expect(runner.run(other, sell('S1'))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(await store.readStream('sale-S1')).toHaveLength(1);
    });
  });
});
