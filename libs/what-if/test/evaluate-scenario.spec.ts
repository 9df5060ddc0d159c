import { DomainEvent } from '@fresh/domain';
import {
  evaluateScenario,
  REFUSALS_NOT_ON_RECORD,
  ScenarioError,
  UnknownExperimentError,
  WhatIfRecord,
} from '../src';
import {
  BP,
  certified,
  extended,
  given,
  ONE_MONTH,
  paid,
  refused,
  refusedWithoutFacts,
  registered,
  sold,
  started,
} from './given-record';

/**
 * The recorded world: exp-2014 from 2014-12-08 to 2015-05-31 at 20 %, extended on 2015-05-25 to
 * 2015-12-31; the price list's CSK rate is 50 %. P-1 and P-2 are not CSK, P-3 is.
 *   S-1  P-1 C-1 2015-01-15 1 × 12 345.67  retail 1 234 567  discount 246 913  net   987 654  paid 01-20
 *   S-2  P-1 C-2 2015-04-10 2 × 12 345.67  retail 2 469 134  discount 493 827  net 1 975 307
 *   S-3  P-2 C-3 2015-06-15 1 × 12 345.67  retail 1 234 567  discount 246 913  net   987 654  paid 06-20
 *   S-4  P-3 C-4 2015-02-01 1 × 12 345.67  retail 1 234 567  discount 617 284  net   617 283  paid 02-05 (CSK)
 */
const world: DomainEvent[] = [
  registered('P-1'),
  registered('P-2'),
  registered('P-3'),
  certified('P-3', '2014-12-01'),
  started,
  extended,
  sold({
    saleId: 'S-1',
    partnerId: 'P-1',
    clientId: 'C-1',
    soldOn: '2015-01-15',
    unitPrice: BP,
    quantity: 1,
    csk: false,
    rate: '0.20',
  }),
  sold({
    saleId: 'S-2',
    partnerId: 'P-1',
    clientId: 'C-2',
    soldOn: '2015-04-10',
    unitPrice: BP,
    quantity: 2,
    csk: false,
    rate: '0.20',
  }),
  sold({
    saleId: 'S-3',
    partnerId: 'P-2',
    clientId: 'C-3',
    soldOn: '2015-06-15',
    unitPrice: BP,
    quantity: 1,
    csk: false,
    rate: '0.20',
  }),
  sold({
    saleId: 'S-4',
    partnerId: 'P-3',
    clientId: 'C-4',
    soldOn: '2015-02-01',
    unitPrice: BP,
    quantity: 1,
    csk: true,
    rate: '0.50',
  }),
  paid('S-1', 'P-1', 'C-1', '2015-01-20'),
  paid('S-3', 'P-2', 'C-3', '2015-06-20'),
  paid('S-4', 'P-3', 'C-4', '2015-02-05'),
];

const ACTUAL = {
  all: {
    sales: 4,
    retail: 6_172_835,
    discount: 1_604_937,
    net: 4_567_898,
    payingClients: 3,
    publishedPartners: 0,
  },
  csk: {
    sales: 1,
    retail: 1_234_567,
    discount: 617_284,
    net: 617_283,
    payingClients: 1,
    publishedPartners: 0,
  },
  'non-csk': {
    sales: 3,
    retail: 4_938_268,
    discount: 987_653,
    net: 3_950_615,
    payingClients: 2,
    publishedPartners: 0,
  },
};
const zero = { sales: 0, retail: 0, discount: 0, net: 0, payingClients: 0, publishedPartners: 0 };

describe('what-if: a scenario evaluated on the record', () => {
  it('changes nothing when the scenario is reality: identityCheck true, every difference zero', async () => {
    const result = await given(world).when({});
    expect(result.totals.actual).toEqual(ACTUAL);
    expect(result.totals.scenario).toEqual(ACTUAL);
    expect(result.totals.difference).toEqual({ all: zero, csk: zero, 'non-csk': zero });
    expect(result.changes).toEqual({
      sales: 4,
      unchanged: 4,
      changedRule: 0,
      changedAmount: 0,
      refused: 0,
      refusedByCode: {},
      acceptedThoughRefused: null,
      refusalsWithoutFacts: 0,
    });
    expect(result.partners).toEqual([]);
    expect(result.identityCheck).toBe(true);
    expect(result.span).toEqual({ from: '2014-12-08', to: '2015-12-31' });
    expect(result.totals.asOf).toBe('2015-12-31');
  });

  it('recognises reality spelled out (rates in another notation, the same decision) as reality', async () => {
    const result = await given(world).when({
      discountRate: '0.2',
      startsOn: '2014-12-08',
      endsOn: '2015-05-31',
      cskDiscountRate: '0.5000',
      decisions: [{ decision: 'extend', decidedOn: '2015-05-25', newEndsOn: '2015-12-31' }],
    });
    expect(result.identityCheck).toBe(true);
    expect(result.totals.difference.all).toEqual(zero);
  });

  it('a lower rate (15 %): every non-CSK discount falls, the CSK sale stays', async () => {
    const result = await given(world).when({ discountRate: '0.15' });
    // S-1 1 234 567 × 0.15 = 185 185.05 → 185 185; S-2 2 469 134 × 0.15 = 370 370.1 → 370 370; S-3 185 185.
    expect(result.totals.scenario['non-csk']).toEqual({
      sales: 3,
      retail: 4_938_268,
      discount: 740_740,
      net: 4_197_528,
      payingClients: 2,
      publishedPartners: 0,
    });
    expect(result.totals.difference['non-csk']).toEqual({
      ...zero,
      discount: -246_913,
      net: 246_913,
    });
    expect(result.totals.difference.csk).toEqual(zero);
    expect(result.totals.scenario.all).toMatchObject({ discount: 1_358_024, net: 4_814_811 });
    const april = result.periods.find((p) => p.period === '2015-04')!;
    expect(april.actual['non-csk']).toMatchObject({ sales: 1, discount: 493_827, net: 1_975_307 });
    expect(april.scenario['non-csk']).toMatchObject({
      sales: 1,
      discount: 370_370,
      net: 2_098_764,
    });
    expect(april.difference['non-csk']).toMatchObject({ discount: -123_457, net: 123_457 });
    expect(result.changes).toMatchObject({ sales: 4, unchanged: 1, changedAmount: 3, refused: 0 });
    expect(result.partners.map((p) => [p.partnerId, p.difference.net])).toEqual([
      ['P-1', 185_185], // 987 654 → 1 049 382 and 1 975 307 → 2 098 764
      ['P-2', 61_728], //  987 654 → 1 049 382
    ]);
    expect(result.identityCheck).toBeUndefined();
    expect(result.scenario.terms.discountRate).toBe('0.15');
  });

  it('a shorter window (closed on 2015-03-31, no extension): later non-CSK sales would be refused, their payments gone', async () => {
    const result = await given(world).when({ endsOn: '2015-03-31', decisions: [] });
    expect(result.scenario.window).toEqual({ from: '2014-12-08', to: '2015-03-31' });
    expect(result.span).toEqual({ from: '2014-12-08', to: '2015-12-31' });
    expect(result.changes).toMatchObject({
      sales: 4,
      unchanged: 2,
      refused: 2,
      refusedByCode: { EXPERIMENT_NOT_ACTIVE: 2 },
    });
    expect(result.totals.scenario['non-csk']).toEqual({
      sales: 1,
      retail: 1_234_567,
      discount: 246_913,
      net: 987_654,
      payingClients: 1,
      publishedPartners: 0,
    });
    expect(result.totals.difference['non-csk']).toEqual({
      sales: -2,
      retail: -3_703_701,
      discount: -740_740,
      net: -2_962_961,
      payingClients: -1,
      publishedPartners: 0,
    });
    expect(result.totals.difference.csk).toEqual(zero);
    const june = result.periods.find((p) => p.period === '2015-06')!;
    expect(june.actual['non-csk']).toMatchObject({ sales: 1, newPayingClients: 1 });
    expect(june.scenario['non-csk']).toMatchObject({ sales: 0, newPayingClients: 0, net: 0 });
    expect(result.partners.map((p) => [p.partnerId, p.difference.net, p.refused])).toEqual([
      ['P-1', -1_975_307, 1],
      ['P-2', -987_654, 1],
    ]);
  });

  it('a shorter window with the recorded extension kept: the gap refuses April, the extension reopens June', async () => {
    const result = await given(world).when({ endsOn: '2015-03-31' });
    expect(result.scenario.terms.decisions).toEqual([
      {
        decision: 'extend',
        decidedOn: '2015-05-25',
        effectiveOn: '2015-05-25',
        newEndsOn: '2015-12-31',
      },
    ]);
    expect(result.changes).toMatchObject({
      unchanged: 3,
      refused: 1,
      refusedByCode: { EXPERIMENT_NOT_ACTIVE: 1 },
    });
    expect(result.totals.difference['non-csk']).toMatchObject({
      sales: -1,
      retail: -2_469_134,
      discount: -493_827,
      net: -1_975_307,
    });
  });

  it('a longer window (to 2016-03-31) without refusals on record: recorded sales unchanged, and the answer says what it cannot see', async () => {
    const result = await given(world).when({ endsOn: '2016-03-31', decisions: [] });
    expect(result.scenario.window).toEqual({ from: '2014-12-08', to: '2016-03-31' });
    expect(result.span).toEqual({ from: '2014-12-08', to: '2016-03-31' });
    expect(result.periods.at(-1)).toMatchObject({
      period: '2016-03',
      from: '2016-03-01',
      to: '2016-03-31',
    });
    expect(result.totals.difference.all).toEqual(zero);
    expect(result.changes).toMatchObject({ unchanged: 4, refused: 0, acceptedThoughRefused: null });
    expect(result.refusalsOnRecord).toBe(false);
    expect(result.refusalsNote).toBe(REFUSALS_NOT_ON_RECORD);
    expect(result.identityCheck).toBeUndefined();
  });

  it('a longer window (to 2016-03-31, 15 %) with refusals on record: a sale refused after the real window is accepted, counted apart, to the kopeck', async () => {
    const result = await given([
      ...world,
      // Refused in reality: after 2015-12-31 no experiment ran.
      refused({
        saleId: 'S-5',
        partnerId: 'P-2',
        clientId: 'C-5',
        soldOn: '2016-02-10',
        unitPrice: BP,
        quantity: 2,
      }),
      // After the scenario's window too: refused in it as well.
      refused({
        saleId: 'S-6',
        partnerId: 'P-2',
        clientId: 'C-6',
        soldOn: '2016-04-05',
        unitPrice: BP,
        quantity: 1,
      }),
      // Refused, then sold under the same id on another date: the recorded sale stands for it.
      refused({
        saleId: 'S-3',
        partnerId: 'P-2',
        clientId: 'C-3',
        soldOn: '2016-01-05',
        unitPrice: BP,
        quantity: 1,
      }),
      refusedWithoutFacts('P-1'),
    ]).when({ endsOn: '2016-03-31', decisions: [], discountRate: '0.15' });
    expect(result.refusalsOnRecord).toBe(true);
    expect(result.changes).toMatchObject({
      sales: 4,
      refused: 0,
      acceptedThoughRefused: 1,
      refusalsWithoutFacts: 1,
    });
    // S-5: 2 × 12 345.67 = 24 691.34; 15 % = 3 703.701 → 3 703.70; net 20 987.64.
    const s5 = { sales: 1, retail: 2_469_134, discount: 370_370, net: 2_098_764 };
    expect(result.totals.wouldBeAccepted).toEqual({
      all: s5,
      'non-csk': s5,
      csk: { sales: 0, retail: 0, discount: 0, net: 0 },
    });
    expect(result.periods.find((p) => p.period === '2016-02')!.wouldBeAccepted.all).toEqual(s5);
    expect(result.periods.find((p) => p.period === '2016-01')!.wouldBeAccepted.all.sales).toBe(0);
    // Counted apart: the scenario's figures are the recorded sales decided again.
    expect(result.totals.scenario.all.sales).toBe(4);
    expect(result.refusalsNote).toContain('1 refused sale(s) were journaled before their facts');
  });

  it('with refusals on record, reality accepts none of them again and the identity check holds', async () => {
    const result = await given([
      ...world,
      refused({
        saleId: 'S-5',
        partnerId: 'P-2',
        clientId: 'C-5',
        soldOn: '2016-02-10',
        unitPrice: BP,
        quantity: 2,
      }),
    ]).when({});
    expect(result.refusalsOnRecord).toBe(true);
    expect(result.changes).toMatchObject({ acceptedThoughRefused: 0, refusalsWithoutFacts: 0 });
    expect(result.totals.wouldBeAccepted.all).toEqual({ sales: 0, retail: 0, discount: 0, net: 0 });
    expect(result.identityCheck).toBe(true);
    expect(result.refusalsNote).not.toContain('before their facts');
  });

  it('a longer window that keeps an extension ending earlier is one the rules refuse: a ScenarioError on the decision', async () => {
    const error = await given(world)
      .when({ endsOn: '2016-03-31' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).field).toBe('scenario.decisions.0.newEndsOn');
  });

  it('a removed decision (no extension): the sale after 2015-05-31 would be refused', async () => {
    const result = await given(world).when({ decisions: [] });
    expect(result.scenario.window).toEqual({ from: '2014-12-08', to: '2015-05-31' });
    expect(result.changes).toMatchObject({
      unchanged: 3,
      refused: 1,
      refusedByCode: { EXPERIMENT_NOT_ACTIVE: 1 },
    });
    expect(result.totals.scenario['non-csk']).toEqual({
      sales: 2,
      retail: 3_703_701,
      discount: 740_740,
      net: 2_962_961,
      payingClients: 1,
      publishedPartners: 0,
    });
  });

  it('a removed decision takes a partner off the published list when its tenth paying client goes', async () => {
    // P-5 (not CSK) sells one month (999.00 ₽, discount 199.80, net 799.20) to C-50 in May and to
    // C-51..C-59 in June, each paid the day it is sold: ten paying clients by 2015-12-31.
    const p5: DomainEvent[] = [registered('P-5'), started, extended];
    const days = ['2015-05-04', ...Array.from({ length: 9 }, (_, i) => `2015-06-0${i + 1}`)];
    days.forEach((soldOn, i) => {
      p5.push(
        sold({
          saleId: `S-5${i}`,
          partnerId: 'P-5',
          clientId: `C-5${i}`,
          soldOn,
          unitPrice: ONE_MONTH,
          quantity: 1,
          csk: false,
          rate: '0.20',
        }),
      );
      p5.push(paid(`S-5${i}`, 'P-5', `C-5${i}`, soldOn));
    });
    const result = await given(p5).when({ decisions: [] });
    expect(result.totals.actual['non-csk']).toEqual({
      sales: 10,
      retail: 999_000,
      discount: 199_800,
      net: 799_200,
      payingClients: 10,
      publishedPartners: 1,
    });
    expect(result.totals.scenario['non-csk']).toEqual({
      sales: 1,
      retail: 99_900,
      discount: 19_980,
      net: 79_920,
      payingClients: 1,
      publishedPartners: 0,
    });
    expect(result.totals.difference.all).toMatchObject({
      payingClients: -9,
      publishedPartners: -1,
    });
    expect(result.totals.asOf).toBe('2015-12-31');
  });

  it('a different CSK rate (40 %): only the CSK sale changes', async () => {
    const result = await given(world).when({ cskDiscountRate: '0.40' });
    // 1 234 567 × 0.40 = 493 826.8 → 493 827; net 740 740.
    expect(result.totals.scenario.csk).toMatchObject({ sales: 1, discount: 493_827, net: 740_740 });
    expect(result.totals.difference.csk).toEqual({ ...zero, discount: -123_457, net: 123_457 });
    expect(result.totals.difference['non-csk']).toEqual(zero);
    expect(result.changes).toMatchObject({ unchanged: 3, changedAmount: 1 });
    expect(result.identityCheck).toBeUndefined();
  });

  it('counts by ISO week when asked', async () => {
    const result = await given(world).when({ discountRate: '0.15' }, 'week');
    const week = result.periods.find((p) => p.period === '2015-W03')!;
    expect(week).toMatchObject({ from: '2015-01-12', to: '2015-01-18' });
    expect(week.difference['non-csk']).toMatchObject({ discount: -61_728, net: 61_728 });
  });

  it('reports a failed identity check when the record, decided again, differs from itself', async () => {
    // A rate change effective 2015-03-01, and a sale of 2015-03-10 recorded at 20 % (decided
    // before the change was on record): the record disagrees with its own terms.
    const late: DomainEvent[] = [
      registered('P-1'),
      started,
      {
        type: 'ExperimentEnded',
        data: {
          experimentId: 'exp-2014',
          decision: 'change',
          decidedOn: '2015-03-01',
          effectiveOn: '2015-03-01',
          newDiscountRate: '0.25',
        },
      },
      sold({
        saleId: 'S-9',
        partnerId: 'P-1',
        clientId: 'C-9',
        soldOn: '2015-03-10',
        unitPrice: BP,
        quantity: 1,
        csk: false,
        rate: '0.20',
      }),
    ];
    const result = await given(late).when({});
    expect(result.identityCheck).toBe(false);
    // 1 234 567 × 0.25 = 308 641.75 → 308 642, against 246 913 on record.
    expect(result.totals.difference['non-csk']).toMatchObject({ discount: 61_729, net: -61_729 });
  });

  it('refuses an unknown experiment and a malformed scenario', async () => {
    await expect(
      evaluateScenario(WhatIfRecord.of(world), 'exp-1999', {}, { granularity: 'month' }),
    ).rejects.toBeInstanceOf(UnknownExperimentError);
    const error = await given(world)
      .when({ discountRate: '1.5' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).field).toBe('scenario.discountRate');
  });
});
