import { EventType } from '@fresh/domain';
import { EventStore } from '@fresh/event-store';
import {
  ALL_PROJECTIONS,
  eventTypesOf,
  generationChecksum,
  ReadStore,
  replay,
} from '@fresh/read-models';
import { Harness } from './support/harness';
import { seedProgramme } from './support/programme';

describe('replay while the service answers', () => {
  let api: Harness;
  let world: Awaited<ReturnType<typeof seedProgramme>>;
  let analyst: string;

  beforeAll(async () => {
    api = await Harness.start();
    world = await seedProgramme(api);
    analyst = api.key('analyst');
    for (let i = 1; i <= 12; i++) {
      const clientId = `C${i}`;
      await world.ok(
        'POST',
        '/api/v1/clients',
        world.client(clientId, 'P1', '2014-12-10'),
        world.p1,
      );
      await world.ok(
        'POST',
        '/api/v1/sales',
        {
          saleId: `S${i}`,
          partnerId: 'P1',
          clientId,
          positionCode: 'UT-1-1',
          quantity: i,
          soldOn: `2015-01-${String(i).padStart(2, '0')}`,
        },
        world.p1,
      );
      await world.ok('POST', `/api/v1/sales/S${i}/payment`, {
        paidOn: `2015-02-${String(i).padStart(2, '0')}`,
        amount: '1.00',
      });
    }
    await api.settled();
  });
  afterAll(() => api.close());

  const rankings = () => api.call('GET', '/api/v1/rankings?asOf=2015-02-28', { key: analyst });

  it('keeps answering from the current generation, then switches to identical read models', async () => {
    const reads = api.app.get(ReadStore);
    const before = await rankings();
    expect(before.body.items[0]).toMatchObject({
      partnerId: 'P1',
      payingClients: 12,
      retail: '77961.00',
      published: true,
    });
    const liveBefore = await reads.liveGeneration();
    const checksumBefore = await generationChecksum(reads, liveBefore);

    const answers: number[] = [];
    let replaying = true;
    const asking = (async () => {
      while (replaying) {
        const answer = await rankings();
        expect(answer.body).toEqual(before.body);
        answers.push(answer.status);
      }
    })();
    const result = await replay(api.app.get(EventStore), reads, {
      batchSize: 3,
      generation: 'greplayed',
    });
    replaying = false;
    await asking;

    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((s) => s === 200)).toBe(true);
    expect(result).toMatchObject({ generation: 'greplayed', previous: liveBefore, switched: true });
    const log = await api.app.get(EventStore).readAll({ maxCount: 1_000_000 });
    const projected = log.filter((e) =>
      eventTypesOf(ALL_PROJECTIONS).includes(e.type as EventType),
    );
    expect(log.some((e) => e.type === 'SubscriptionSold')).toBe(true); // not read: no projection uses it
    expect(result.events).toBe(projected.length);
    expect(result.position).toBe(projected.at(-1)!.position);
    expect(result.after).toEqual(checksumBefore);
    expect(result.before).toEqual(checksumBefore);
    expect(await reads.liveGeneration()).toBe('greplayed');

    // The service follows the switch and keeps projecting into the new generation.
    await waitForHealth((h) => h.projector.generation === 'greplayed');
    expect((await rankings()).body).toEqual(before.body);
    await world.ok('POST', '/api/v1/clients', world.client('C99', 'P1', '2015-02-20'), world.p1);
    await api.settled();
    const after = await rankings();
    expect(after.body.items[0].connectedClients).toBe(13);
    expect(await reads.generations()).not.toContain(liveBefore);
  });

  it('builds the world as of a date next to the live one, for analysts to query', async () => {
    const reads = api.app.get(ReadStore);
    const live = await reads.liveGeneration();
    const result = await replay(api.app.get(EventStore), reads, { until: '2015-01-06' });
    expect(result).toMatchObject({ generation: 'asof-2015-01-06', switched: false });
    expect(await reads.liveGeneration()).toBe(live);
    const asOf = await api.call(
      'GET',
      '/api/v1/rankings?asOf=2015-02-28&generation=asof-2015-01-06',
      { key: analyst },
    );
    expect(asOf.body.items[0]).toMatchObject({
      partnerId: 'P1',
      connectedClients: 12,
      payingClients: 0,
      retail: '20989.50',
    });
    const partner = await api.call('GET', '/api/v1/partners/P1?generation=asof-2015-01-06', {
      key: analyst,
    });
    expect(partner.body).toMatchObject({
      asOf: '2015-01-06',
      sales: 6,
      paid: { count: 0, amount: '0.00' },
    });
    const missing = await api.call('GET', '/api/v1/rankings?generation=asof-2015-01-07', {
      key: analyst,
    });
    expect([missing.status, missing.body.code]).toEqual([404, 'GENERATION_NOT_FOUND']);
  });

  async function waitForHealth(ready: (health: { projector: { generation?: string } }) => boolean) {
    for (const until = Date.now() + 5_000; Date.now() < until;) {
      if (ready((await api.call('GET', '/health')).body)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the service did not follow the switch');
  }
});
