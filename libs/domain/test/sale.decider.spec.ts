import {
  discountPolicies,
  DiscountApplied,
  DiscountRefused,
  saleDecider,
  SaleEvent,
  SellSubscription,
} from '../src';
import {
  clientConnected,
  cskCertified,
  cskRevoked,
  decided,
  experimentStarted,
  migrated,
  priceList,
  registered,
  saleContext,
  TODAY,
  World,
} from './fixtures';
import { given } from './given';

const sell = (soldOn: string, over: Partial<SellSubscription['data']> = {}): SellSubscription => ({
  type: 'SellSubscription',
  today: TODAY,
  data: {
    saleId: 'S1',
    partnerId: 'P1',
    clientId: 'C1',
    positionCode: 'BP-5-12',
    quantity: 1,
    soldOn,
    ...over,
  },
});
const discountOf = (
  soldOn: string,
  world: World = {},
  over: Partial<SellSubscription['data']> = {},
) =>
  (given(saleDecider).when(sell(soldOn, over), saleContext(world)).result()[1] as DiscountApplied)
    .data;
const sold: SaleEvent = {
  type: 'SubscriptionSold',
  data: {
    saleId: 'S1',
    partnerId: 'P1',
    clientId: 'C1',
    positionCode: 'BP-5-12',
    positionName: 'x',
    quantity: 1,
    unitPrice: 1_234_567,
    retail: 1_234_567,
    soldOn: '2015-01-15',
  },
};

describe('selling a subscription', () => {
  it('sells at 20 % to a non-CSK partner inside the experiment, and records what it relied on', () => {
    const events = given(saleDecider)
      .when(sell('2015-01-15', { quantity: 2 }), saleContext())
      .result();
    expect(events).toEqual([
      {
        type: 'SubscriptionSold',
        data: {
          saleId: 'S1',
          partnerId: 'P1',
          clientId: 'C1',
          positionCode: 'BP-5-12',
          positionName: 'Бухгалтерия предприятия, 5 мест, 12 месяцев',
          quantity: 2,
          unitPrice: 1_234_567,
          retail: 2_469_134,
          soldOn: '2015-01-15',
        },
      },
      {
        type: 'DiscountApplied',
        data: {
          saleId: 'S1',
          partnerId: 'P1',
          clientId: 'C1',
          rule: 'non-csk-experiment',
          rate: '0.20',
          retail: 2_469_134,
          discount: 493_827,
          net: 1_975_307,
          policyVersion: 'v1',
          inputs: {
            partner: {
              streamId: 'partner-P1',
              revision: 0,
              csk: false,
              franchisee: true,
              country: 'RU',
            },
            client: { streamId: 'client-C1', revision: 0, connectedBy: 'P1' },
            priceList: {
              streamId: 'price-list',
              revision: 0,
              effectiveFrom: '2014-12-01',
              positionCode: 'BP-5-12',
              unitPrice: 1_234_567,
              cskDiscountRate: '0.50',
            },
            experiment: {
              streamId: 'experiments',
              revision: 0,
              experimentId: 'exp-2014',
              discountRate: '0.20',
            },
            quantity: 2,
            soldOn: '2015-01-15',
          },
        },
      },
    ]);
  });

  it('rounds 20 % of 12 345.67 half up: discount 2 469.13, net 9 876.54', () => {
    expect(discountOf('2015-01-15')).toMatchObject({
      retail: 1_234_567,
      discount: 246_913,
      net: 987_654,
    });
  });
  it('rounds 20 % of 0.03 half up to 0.01', () => {
    expect(
      discountOf('2015-01-15', { priceList: [priceList('2014-12-01', { retailPrice: 3 })] }),
    ).toMatchObject({ discount: 1, net: 2 });
  });

  describe('as of the sale date', () => {
    const certifiedInFebruary = { partner: [registered(), cskCertified('2015-02-01')] };
    it('a certification dated after the sale does not reprice it: 20 %', () => {
      expect(discountOf('2015-01-15', certifiedInFebruary)).toMatchObject({
        rule: 'non-csk-experiment',
        rate: '0.20',
      });
    });
    it('a sale dated after the certification gets the CSK rate from the price list', () => {
      const d = discountOf('2015-02-10', certifiedInFebruary);
      expect(d).toMatchObject({ rule: 'csk', rate: '0.50', discount: 617_284, net: 617_283 });
      expect(d.inputs.partner).toEqual({
        streamId: 'partner-P1',
        revision: 1,
        csk: true,
        franchisee: true,
        country: 'RU',
      });
      expect(d.inputs.experiment).toBeUndefined();
    });
    it('a late-recorded sale dated before a certification gets 20 %', () => {
      // The certification is already in the stream (revision 1) when the January sale is recorded.
      const d = discountOf('2015-01-20', certifiedInFebruary);
      expect(d).toMatchObject({ rule: 'non-csk-experiment', rate: '0.20' });
      expect(d.inputs.partner.revision).toBe(1);
    });
    it('a revoked CSK partner sells at the experiment rate again', () => {
      const world = {
        partner: [registered(), cskCertified('2015-02-01'), cskRevoked('2015-03-01')],
      };
      expect(discountOf('2015-03-02', world)).toMatchObject({
        rule: 'non-csk-experiment',
        rate: '0.20',
      });
    });
    it('a CSK partner sells after the experiment at the CSK rate', () => {
      const world = {
        partner: [registered(), cskCertified('2014-01-01')],
        client: [clientConnected('C1', 'P1', '2014-06-01')],
      };
      expect(discountOf('2016-01-15', world)).toMatchObject({ rule: 'csk', rate: '0.50' });
    });
    it('uses the price list in force on the sale date', () => {
      const world = {
        priceList: [
          priceList('2014-12-01'),
          priceList('2015-03-01', { retailPrice: 1_000_000, cskDiscountRate: '0.40' }),
        ],
      };
      expect(discountOf('2015-02-28', world)).toMatchObject({ retail: 1_234_567 });
      expect(discountOf('2015-03-01', world)).toMatchObject({
        retail: 1_000_000,
        discount: 200_000,
      });
      expect(discountOf('2015-03-01', world).inputs.priceList).toMatchObject({
        revision: 1,
        effectiveFrom: '2015-03-01',
      });
    });
    it('follows the experiment decisions: extended, then a new rate, then terminated', () => {
      const world = {
        experiments: [
          experimentStarted(),
          decided('extend', '2015-05-25', { newEndsOn: '2015-12-31' }),
          decided('change', '2015-08-20', { effectiveOn: '2015-09-01', newDiscountRate: '0.15' }),
          decided('terminate', '2015-10-15', { effectiveOn: '2015-11-01' }),
        ],
      };
      expect(discountOf('2015-06-15', world)).toMatchObject({ rate: '0.20', discount: 246_913 });
      expect(discountOf('2015-09-01', world)).toMatchObject({
        rate: '0.15',
        discount: 185_185,
        net: 1_049_382,
      });
      given(saleDecider)
        .when(sell('2015-11-01'), saleContext(world))
        .thenRefuses('EXPERIMENT_NOT_ACTIVE');
    });
  });

  describe('refusals', () => {
    it('refuses a non-CSK sale after 31 May 2015 (EXPERIMENT_NOT_ACTIVE)', () => {
      given(saleDecider)
        .when(sell('2015-06-01'), saleContext())
        .thenRefuses('EXPERIMENT_NOT_ACTIVE');
    });
    it('refuses a sale outside the window with the facts the policy was given, so that it can be decided again', () => {
      let refusal: unknown;
      try {
        given(saleDecider)
          .when(sell('2015-06-01', { quantity: 2 }), saleContext())
          .result();
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DiscountRefused);
      const { code, message, policyVersion, inputs } = refusal as DiscountRefused;
      expect({ code, message, policyVersion }).toEqual({
        code: 'EXPERIMENT_NOT_ACTIVE',
        message: 'no experiment admits non-CSK partners on 2015-06-01',
        policyVersion: 'v1',
      });
      expect(inputs).toMatchObject({ soldOn: '2015-06-01', quantity: 2 });
      expect(inputs.experiment).toBeUndefined();
      expect(inputs.partner).toMatchObject({ csk: false, franchisee: true, country: 'RU' });
      expect(inputs.priceList).toMatchObject({ unitPrice: 1_234_567, cskDiscountRate: '0.50' });
      // The same facts with an experiment running: the policy accepts them.
      const again = discountPolicies[policyVersion]({
        ...inputs,
        experiment: {
          streamId: 'experiments',
          revision: 0,
          experimentId: 'x',
          discountRate: '0.25',
        },
      });
      expect(again).toMatchObject({ retail: 2_469_134, discount: 617_284, net: 1_851_850 });
    });
    it('refuses a non-CSK sale before 8 December 2014 (EXPERIMENT_NOT_ACTIVE)', () => {
      const world = { client: [clientConnected('C1', 'P1', '2014-12-01')] };
      given(saleDecider)
        .when(sell('2014-12-07'), saleContext(world))
        .thenRefuses('EXPERIMENT_NOT_ACTIVE');
    });
    it('refuses a partner outside Russia (NOT_RUSSIAN_FRANCHISEE)', () => {
      given(saleDecider)
        .when(sell('2015-01-15'), saleContext({ partner: [registered('P1', { country: 'BY' })] }))
        .thenRefuses('NOT_RUSSIAN_FRANCHISEE');
    });
    it('refuses a sale to a client another partner connected (SELLER_MUST_CONNECT_CLIENT)', () => {
      given(saleDecider)
        .when(sell('2015-01-15'), saleContext({ client: [clientConnected('C1', 'P2')] }))
        .thenRefuses('SELLER_MUST_CONNECT_CLIENT');
    });
    it('refuses a sale to a client that was never connected (CLIENT_NOT_CONNECTED)', () => {
      given(saleDecider)
        .when(sell('2015-01-15'), saleContext({ client: [] }))
        .thenRefuses('CLIENT_NOT_CONNECTED');
    });
    it('refuses a sale dated before the connection (CLIENT_NOT_CONNECTED)', () => {
      given(saleDecider)
        .when(sell('2014-12-09'), saleContext())
        .thenRefuses('CLIENT_NOT_CONNECTED');
    });
    it('refuses a sale to a client that moved to a local installation (CLIENT_NOT_CONNECTED)', () => {
      const world = { client: [clientConnected(), migrated('to-local', '2015-01-01')] };
      given(saleDecider)
        .when(sell('2015-01-15'), saleContext(world))
        .thenRefuses('CLIENT_NOT_CONNECTED');
    });
    it('refuses a position not on the price list in force (UNKNOWN_POSITION)', () => {
      given(saleDecider)
        .when(sell('2015-01-15', { positionCode: 'ZUP-1-1' }), saleContext())
        .thenRefuses('UNKNOWN_POSITION');
    });
    it('refuses a sale when no price list is in force (NO_PRICE_LIST)', () => {
      given(saleDecider)
        .when(sell('2015-01-15'), saleContext({ priceList: [priceList('2015-02-01')] }))
        .thenRefuses('NO_PRICE_LIST');
    });
    it('refuses a sale dated after today (FUTURE_DATE)', () => {
      given(saleDecider)
        .when({ ...sell('2015-01-16'), today: '2015-01-15' }, saleContext())
        .thenRefuses('FUTURE_DATE');
    });
    it('refuses an unknown partner (PARTNER_NOT_FOUND)', () => {
      given(saleDecider)
        .when(sell('2015-01-15'), saleContext({ partner: [] }))
        .thenRefuses('PARTNER_NOT_FOUND');
    });
    it('refuses a sale id that is taken (ALREADY_EXISTS)', () => {
      given(saleDecider, [sold])
        .when(sell('2015-01-15'), saleContext())
        .thenRefuses('ALREADY_EXISTS');
    });
  });
});

describe('recording a payment', () => {
  const pay = (paidOn: string, today = TODAY) => ({
    type: 'RecordPayment' as const,
    today,
    data: { saleId: 'S1', paidOn, amount: 987_654 },
  });
  it('records the payment for the sale’s partner and client', () => {
    given(saleDecider, [sold])
      .when(pay('2015-01-20'), undefined)
      .then([
        {
          type: 'PaymentReceived',
          data: {
            saleId: 'S1',
            partnerId: 'P1',
            clientId: 'C1',
            paidOn: '2015-01-20',
            amount: 987_654,
          },
        },
      ]);
  });
  it('refuses a payment for an unknown sale (SALE_NOT_FOUND)', () => {
    given(saleDecider).when(pay('2015-01-20'), undefined).thenRefuses('SALE_NOT_FOUND');
  });
  it('refuses a second payment of the same sale (ALREADY_EXISTS)', () => {
    given(saleDecider, [
      sold,
      {
        type: 'PaymentReceived',
        data: { saleId: 'S1', partnerId: 'P1', clientId: 'C1', paidOn: '2015-01-20', amount: 1 },
      },
    ])
      .when(pay('2015-01-21'), undefined)
      .thenRefuses('ALREADY_EXISTS');
  });
  it('refuses a payment dated after today (FUTURE_DATE)', () => {
    given(saleDecider, [sold])
      .when(pay('2015-01-20', '2015-01-19'), undefined)
      .thenRefuses('FUTURE_DATE');
  });
});

describe('discount policy v1 re-derives a decision from its recorded inputs alone', () => {
  it('gives the same rule, rate and amounts', () => {
    const recorded = discountOf('2015-01-15', {}, { quantity: 3 });
    const { rule, rate, retail, discount, net } = recorded;
    expect(discountPolicies[recorded.policyVersion](recorded.inputs)).toEqual({
      rule,
      rate,
      retail,
      discount,
      net,
    });
  });
});
