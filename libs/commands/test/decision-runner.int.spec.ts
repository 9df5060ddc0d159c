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
});
