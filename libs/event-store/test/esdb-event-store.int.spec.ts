import { EsdbEventStore, StoreUnavailableError, toEsdbPosition, toPortPosition } from '../src';
import { EsdbStandIn } from '../../../test/esdb-stand-in/esdb-stand-in';
import { eventStoreContract, newEvent } from './event-store.contract';

/**
 * The EventStoreDB adapter, through the real @kurrent/kurrentdb-client, against the gRPC stand-in
 * under test/ (see what it does and does not prove there). Against a real server: test:servers.
 */
describe('EventStoreDB adapter on the gRPC stand-in', () => {
  let standIn: EsdbStandIn;
  let connectionString: string;
  beforeAll(async () => {
    standIn = new EsdbStandIn();
    connectionString = await standIn.start();
  });
  afterAll(() => standIn.stop());

  eventStoreContract('EventStoreDB (stand-in)', async () => new EsdbEventStore(connectionString));

  it('skips the server’s system events when reading $all', async () => {
    const store = new EsdbEventStore(connectionString);
    const all = await store.readAll({ maxCount: 1_000 });
    expect(all.some((e) => e.type.startsWith('$'))).toBe(false);
    await store.close();
  });

  it('keeps (commit, prepare) positions exact beyond 2^53', () => {
    const position = { commit: 2n ** 60n + 7n, prepare: 2n ** 60n + 3n };
    expect(toEsdbPosition(toPortPosition(position))).toEqual(position);
    expect(
      toPortPosition({ commit: 5n, prepare: 9n }) < toPortPosition({ commit: 6n, prepare: 0n }),
    ).toBe(true);
  });
});

describe('EventStoreDB adapter against a closed port', () => {
  it('reports the store as unreachable, not as a bug', async () => {
    const store = new EsdbEventStore('kurrentdb://127.0.0.1:1?tls=false');
    await expect(store.append('s', [newEvent('A')], 'any')).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    await expect(store.readStream('s')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.ping()).toBe(false);
    await store.close();
  });
});
