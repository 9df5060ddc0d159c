import { EventStore } from '@fresh/event-store';
import { Harness } from './support/harness';
import { seedProgramme } from './support/programme';

describe('commands racing', () => {
  let api: Harness;
  let world: Awaited<ReturnType<typeof seedProgramme>>;
  const sale = (saleId: string) => ({
    saleId,
    partnerId: 'P1',
    clientId: 'C1',
    positionCode: 'UT-1-1',
    quantity: 1,
    soldOn: '2015-03-01',
  });

  beforeAll(async () => {
    api = await Harness.start();
    world = await seedProgramme(api);
    await world.ok('POST', '/api/v1/clients', world.client('C1'), world.p1);
  });
  afterAll(() => api.close());

  it('lets exactly one of two commands for the same sale id win; the other gets 409 ALREADY_EXISTS', async () => {
    const answers = await Promise.all(
      [1, 2].map(() => api.call('POST', '/api/v1/sales', { key: world.p1, body: sale('S-race') })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('ALREADY_EXISTS');
    expect(await api.app.get(EventStore).readStream('sale-S-race')).toHaveLength(2);
  });

  it('records all of twenty sales racing for one client', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `S-many-${i}`);
    const answers = await Promise.all(
      ids.map((id) => api.call('POST', '/api/v1/sales', { key: world.p1, body: sale(id) })),
    );
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 201));
    const store = api.app.get(EventStore);
    for (const id of ids) {
      expect((await store.readStream(`sale-${id}`)).map((e) => e.type)).toEqual([
        'SubscriptionSold',
        'DiscountApplied',
      ]);
    }
  });

  it('records all of five changes racing for one partner stream, retrying on conflict', async () => {
    const dates = ['2015-02-01', '2015-02-02', '2015-02-03', '2015-02-04', '2015-02-05'];
    const answers = await Promise.all(
      dates.map((since) =>
        api.call('POST', '/api/v1/partners/P1/obligations', {
          key: world.vendor,
          body: { status: 'fulfilled', since },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(dates.map(() => 201));
    const events = await api.app.get(EventStore).readStream('partner-P1');
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(events.filter((e) => e.type === 'PartnerObligationsChanged')).toHaveLength(5);
  });
});
