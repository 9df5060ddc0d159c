import { Harness } from './support/harness';

/**
 * Sales at the money bounds (9 999 999.99 ₽ a unit, up to 1 000 units): P1 (non-CSK, 20 %) sells
 * 1 000, 999 and 1 000 units; P2 (CSK, 50 %) sells 999. Every total is exact to the kopeck, and
 * discount + net = retail in each.
 */
describe('money totals at the bounds, over HTTP', () => {
  let api: Harness;
  let vendor: string, analyst: string;

  const ok = async (method: string, path: string, body: unknown, key = vendor) => {
    const answer = await api.call(method, path, { key, body });
    if (answer.status !== 201)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  const get = async (path: string) => {
    await api.settled();
    const answer = await api.call('GET', path, { key: analyst });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    api = await Harness.start();
    vendor = api.key('vendor');
    analyst = api.key('analyst');
    const keys: Record<string, string> = {
      P1: api.key('partner', 'P1'),
      P2: api.key('partner', 'P2'),
    };
    for (const partnerId of ['P1', 'P2'])
      await ok('POST', '/api/v1/partners', {
        partnerId,
        name: `Партнёр ${partnerId}`,
        country: 'RU',
        franchisee: true,
      });
    await ok('POST', '/api/v1/partners/P2/csk-certification', {
      certifiedOn: '2013-06-01',
      certifiedSpecialists: 3,
      responsibleEmployee: 'Иванов И. И.',
      supportCommitment: true,
    });
    await ok('PUT', '/api/v1/price-list', {
      effectiveFrom: '2014-12-01',
      cskDiscountRate: '0.50',
      positions: [{ code: 'MAX', name: 'Самая дорогая позиция', retailPrice: '9999999.99' }],
    });
    await ok('POST', '/api/v1/experiments', {
      experimentId: 'exp-2014',
      startsOn: '2014-12-08',
      endsOn: '2015-05-31',
      discountRate: '0.20',
    });
    const sales: [string, string, number][] = [
      ['P1', 'C1', 1_000],
      ['P1', 'C2', 999],
      ['P1', 'C3', 1_000],
      ['P2', 'C4', 999],
    ];
    for (const [partnerId, clientId, quantity] of sales) {
      await ok(
        'POST',
        '/api/v1/clients',
        {
          clientId,
          partnerId,
          inn: '7707083893',
          name: `Клиент ${clientId}`,
          application: 'Бухгалтерия предприятия',
          workplaces: 1,
          basis: 'itsaas',
          connectedOn: '2014-12-10',
        },
        keys[partnerId],
      );
      await ok(
        'POST',
        '/api/v1/sales',
        {
          saleId: `S-${clientId}`,
          partnerId,
          clientId,
          positionCode: 'MAX',
          quantity,
          soldOn: '2015-01-15',
        },
        keys[partnerId],
      );
    }
    await ok('POST', '/api/v1/sales/S-C1/payment', {
      paidOn: '2015-02-01',
      amount: '9999999990.00',
    });
    await ok('POST', '/api/v1/sales/S-C2/payment', {
      paidOn: '2015-02-01',
      amount: '9989999990.01',
    });
  }, 60_000);
  afterAll(() => api.close());

  it('in the partner, client, rankings and analytics answers', async () => {
    expect(await get('/api/v1/partners/P1')).toMatchObject({
      sales: 3,
      retail: '29989999970.01',
      discount: '5997999994.00',
      net: '23991999976.01',
      paid: { count: 2, amount: '19989999980.01' },
    });
    expect((await get('/api/v1/clients/C2')).sales).toEqual({
      count: 1,
      retail: '9989999990.01',
      discount: '1997999998.00',
      net: '7991999992.01',
    });
    const rankings = await get('/api/v1/rankings?asOf=2015-03-01');
    expect(
      rankings.items.map((i: Record<string, unknown>) => [
        i.partnerId,
        i.retail,
        i.discount,
        i.net,
      ]),
    ).toEqual([
      ['P1', '29989999970.01', '5997999994.00', '23991999976.01'],
      ['P2', '9989999990.01', '4994999995.01', '4994999995.00'],
    ]);
    const analytics = await get('/api/v1/experiments/exp-2014/analytics?granularity=month');
    const window = analytics.totals.window;
    expect([window['non-csk'].retail, window['non-csk'].discount, window['non-csk'].net]).toEqual([
      '29989999970.01',
      '5997999994.00',
      '23991999976.01',
    ]);
    expect([window.csk.retail, window.csk.discount, window.csk.net]).toEqual([
      '9989999990.01',
      '4994999995.01',
      '4994999995.00',
    ]);
  });
});
