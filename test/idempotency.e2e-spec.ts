import { ServiceDatabase } from '@fresh/access';
import { idempotentEventId } from '@fresh/commands';
import { EventStore } from '@fresh/event-store';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { EsdbStandIn } from './esdb-stand-in/esdb-stand-in';
import { Harness, tempDataDir } from './support/harness';
import { seedProgramme } from './support/programme';

describe('Idempotency-Key', () => {
  let api: Harness;
  let world: Awaited<ReturnType<typeof seedProgramme>>;
  const dataDir = tempDataDir();
  const sale = {
    saleId: 'S1',
    partnerId: 'P1',
    clientId: 'C1',
    positionCode: 'BP-5-12',
    quantity: 2,
    soldOn: '2015-01-15',
  };
  const sell = (key: string, body: unknown = sale, apiKey = world.p1) =>
    api.call('POST', '/api/v1/sales', { key: apiKey, body, headers: { 'Idempotency-Key': key } });

  beforeAll(async () => {
    api = await Harness.start(dataDir);
    world = await seedProgramme(api);
    await world.ok('POST', '/api/v1/clients', world.client('C1'), world.p1);
  });
  afterAll(() => api.close());

  it('answers the first answer again for the same key and body, and records nothing more', async () => {
    const first = await sell('sale-S1-attempt');
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await sell('sale-S1-attempt', { ...sale, soldOn: sale.soldOn }); // same body, new object
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await api.app.get(EventStore).readStream('sale-S1')).toHaveLength(2);
  });

  it('refuses the same key with another body (409 IDEMPOTENCY_KEY_REUSED)', async () => {
    const { status, body } = await sell('sale-S1-attempt', { ...sale, quantity: 3 });
    expect([status, body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('keeps keys apart per API key', async () => {
    const otherKey = api.key('partner', 'P1');
    const { status, body } = await sell('sale-S1-attempt', { ...sale, saleId: 'S2' }, otherKey);
    expect(status).toBe(201);
    expect(body.events[0].streamId).toBe('sale-S2');
  });

  it('runs two concurrent requests with one key once', async () => {
    const body = { ...sale, saleId: 'S3' };
    const [a, b] = await Promise.all([sell('k-S3', body), sell('k-S3', body)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')]).toContain(
      'true',
    );
  });

  it('does not store a refusal: the same key may be retried once the cause is fixed', async () => {
    const early = await sell('k-S4', { ...sale, saleId: 'S4', clientId: 'C4' });
    expect(early.body.code).toBe('CLIENT_NOT_CONNECTED');
    await world.ok('POST', '/api/v1/clients', world.client('C4'), world.p1);
    const retried = await sell('k-S4', { ...sale, saleId: 'S4', clientId: 'C4' });
    expect(retried.status).toBe(201);
  });

  it('refuses a key longer than 200 characters', async () => {
    const { status, body } = await sell('k'.repeat(201), { ...sale, saleId: 'S5' });
    expect([status, body.code]).toEqual([400, 'INVALID_IDEMPOTENCY_KEY']);
  });

  it('after a restart, still answers the first answer and still knows every id', async () => {
    const first = await sell('sale-S6', { ...sale, saleId: 'S6' });
    await api.close();
    api = await Harness.start(dataDir);
    const replay = await sell('sale-S6', { ...sale, saleId: 'S6' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const duplicate = await sell('another-key', { ...sale, saleId: 'S6' });
    expect([duplicate.status, duplicate.body.code]).toEqual([409, 'ALREADY_EXISTS']);
  });

  describe('recorded with the events, not only in service.db', () => {
    /** What a crash between the append and the cached answer leaves: the events alone. */
    const forgetCachedAnswers = () =>
      api.app.get(ServiceDatabase).db.prepare('DELETE FROM idempotency').run();

    it('answers the first answer to a retry whose cached answer was never written', async () => {
      const first = await sell('sale-S7', { ...sale, saleId: 'S7' });
      expect(first.status).toBe(201);
      forgetCachedAnswers();
      const retried = await sell('sale-S7', { ...sale, saleId: 'S7' });
      expect(retried.status).toBe(201);
      expect(retried.headers.get('idempotent-replayed')).toBe('true');
      expect(retried.body).toEqual(first.body);
      const events = await api.app.get(EventStore).readStream('sale-S7');
      expect(events).toHaveLength(2);
      expect(new Set(events.map((e) => e.metadata.idempotency?.key)).size).toBe(1);
      expect(events[0].metadata.idempotency).toEqual({
        key: expect.stringMatching(/^[0-9a-f]{64}$/),
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });

    it('refuses another body under a key found only in the events (409 IDEMPOTENCY_KEY_REUSED)', async () => {
      await sell('sale-S8', { ...sale, saleId: 'S8' });
      forgetCachedAnswers();
      const { status, headers, body } = await sell('sale-S8', {
        ...sale,
        saleId: 'S8',
        quantity: 3,
      });
      expect([status, body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
      expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
  });
});

describe('Idempotency-Key on EventStoreDB (the gRPC stand-in)', () => {
  let standIn: EsdbStandIn;
  let connectionString: string;
  let api: Harness;
  beforeAll(async () => {
    standIn = new EsdbStandIn();
    connectionString = await standIn.start();
    api = await Harness.start(tempDataDir(), 64 * 1024, { kind: 'esdb', connectionString });
  });
  afterAll(async () => {
    await api.close();
    await standIn.stop();
  });

  it('records the key with the events: racing requests record once, a retry without a cached answer gets the first one', async () => {
    const vendor = api.key('vendor');
    const register = () =>
      api.call('POST', '/api/v1/partners', {
        key: vendor,
        body: { partnerId: 'P-E1', name: 'ООО «Эс»', country: 'RU', franchisee: true },
        headers: { 'Idempotency-Key': 'register-P-E1' },
      });
    const [a, b] = await Promise.all([register(), register()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    const replayed = [a, b].map((answer) => answer.headers.get('idempotent-replayed'));
    expect(replayed.sort()).toEqual([null, 'true']);
    api.app.get(ServiceDatabase).db.prepare('DELETE FROM idempotency').run();
    const retried = await register();
    expect([retried.status, retried.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(retried.body).toEqual(a.body);

    // What the design relies on from the adapter: the EventStoreDB event id is metadata.eventId.
    const client = KurrentDBClient.connectionString(connectionString);
    try {
      const stored = [];
      for await (const resolved of client.readStream('partner-P-E1')) stored.push(resolved.event!);
      const [event] = await api.app.get(EventStore).readStream('partner-P-E1');
      expect(stored.map((e) => e.id)).toEqual([event.metadata.eventId]);
      expect(event.metadata.eventId).toBe(idempotentEventId(event.metadata.idempotency!, 0));
    } finally {
      await client.dispose();
    }
  });
});
