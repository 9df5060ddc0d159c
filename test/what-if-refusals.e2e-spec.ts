import { EventStore } from '@fresh/event-store';
import { Harness } from './support/harness';
import { seedProgramme } from './support/programme';

/**
 * Refusals on record: the letter's world (window 2014-12-08..2015-05-31 at 20 %, no extension),
 * a client of P1 that is a person (a 12-digit INN), and two sales:
 *   S-C1  P1 BP-5-12 × 1 on 2015-01-15  accepted: retail 12345.67  discount 2469.13
 *   S-C2  P1 UT-1-1  × 2 on 2015-06-10  refused EXPERIMENT_NOT_ACTIVE (after the window)
 * The scenario: the window to 2015-06-30 at 25 %.
 */
describe('what-if decides again the sales refused in reality', () => {
  let api: Harness;
  let analyst: string;

  beforeAll(async () => {
    api = await Harness.start();
    const { p1, ok, client } = await seedProgramme(api);
    analyst = api.key('analyst');
    await ok(
      'POST',
      '/api/v1/clients',
      { ...client('C1'), inn: '500100732259', name: 'ИП Сидоров' },
      p1,
    );
    await ok(
      'POST',
      '/api/v1/sales',
      {
        saleId: 'S-C1',
        partnerId: 'P1',
        clientId: 'C1',
        positionCode: 'BP-5-12',
        quantity: 1,
        soldOn: '2015-01-15',
      },
      p1,
    );
    const refused = await api.call('POST', '/api/v1/sales', {
      key: p1,
      body: {
        saleId: 'S-C2',
        partnerId: 'P1',
        clientId: 'C1',
        positionCode: 'UT-1-1',
        quantity: 2,
        soldOn: '2015-06-10',
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('EXPERIMENT_NOT_ACTIVE');
  });
  afterAll(() => api.close());

  const ask = (scenario: object, query = '') =>
    api.call('POST', `/api/v1/experiments/exp-2014/what-if${query}`, {
      key: analyst,
      body: { scenario, granularity: 'month' },
    });

  it('journals the refused sale with the facts the policy was given, and no personal data', async () => {
    const [refusal] = await api.app.get(EventStore).readStream('refusals-P1');
    expect(refusal.type).toBe('CommandRefused');
    expect(refusal.data).toMatchObject({
      code: 'EXPERIMENT_NOT_ACTIVE',
      detail: 'no experiment admits non-CSK partners on 2015-06-10',
      commandType: 'SellSubscription',
      sale: {
        saleId: 'S-C2',
        partnerId: 'P1',
        clientId: 'C1',
        policyVersion: 'v1',
        inputs: {
          partner: { streamId: 'partner-P1', csk: false, franchisee: true, country: 'RU' },
          client: { streamId: 'client-C1', connectedBy: 'P1' },
          priceList: {
            streamId: 'price-list',
            positionCode: 'UT-1-1',
            unitPrice: 99_950,
            cskDiscountRate: '0.50',
          },
          quantity: 2,
          soldOn: '2015-06-10',
        },
      },
    });
    expect((refusal.data as { sale: { inputs: object } }).sale.inputs).not.toHaveProperty(
      'experiment',
    );
    const text = JSON.stringify(refusal.data);
    expect(text).not.toContain('500100732259');
    expect(text).not.toContain('Сидоров');
  });

  it('counts a refused sale the longer scenario would accept, apart and to the kopeck', async () => {
    const answer = await ask({ endsOn: '2015-06-30', discountRate: '0.25' });
    expect(answer.status).toBe(200);
    expect(answer.body.refusalsOnRecord).toBe(true);
    expect(answer.body.changes).toMatchObject({
      sales: 1,
      acceptedThoughRefused: 1,
      refusalsWithoutFacts: 0,
    });
    // S-C2: 2 × 999.50 = 1999.00; 25 % = 499.75; net 1499.25.
    const accepted = { sales: 1, retail: '1999.00', discount: '499.75', net: '1499.25' };
    expect(answer.body.totals.wouldBeAccepted.all).toEqual(accepted);
    expect(answer.body.totals.wouldBeAccepted['non-csk']).toEqual(accepted);
    const june = answer.body.periods.find((p: { period: string }) => p.period === '2015-06');
    expect(june.wouldBeAccepted.all).toEqual(accepted);
    // S-C1 at 25 %: 12345.67 × 0.25 = 3086.4175 → 3086.42; the refused sale is not in the scenario.
    expect(answer.body.totals.scenario.all).toMatchObject({ sales: 1, discount: '3086.42' });

    const csv = await fetch(
      `${api.url}/api/v1/experiments/exp-2014/what-if?format=csv&dialect=excel-ru`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: { endsOn: '2015-06-30', discountRate: '0.25' } }),
      },
    );
    const [header, ...rows] = (await csv.text())
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(';'));
    const total = rows.find((r) => r[0] === 'итого' && r[3] === 'все')!;
    expect(total[header.indexOf('К оплате, ₽ — отказано, принял бы сценарий')]).toBe('1499,25');
  });

  it('accepts none of them under the terms that refused them', async () => {
    const answer = await ask({});
    expect(answer.body.identityCheck).toBe(true);
    expect(answer.body.changes.acceptedThoughRefused).toBe(0);
    expect(answer.body.totals.wouldBeAccepted.all).toEqual({
      sales: 0,
      retail: '0.00',
      discount: '0.00',
      net: '0.00',
    });
  });
});
