import {
  DiscountApplied,
  MAX_QUANTITY,
  MAX_SALE_AMOUNT,
  MAX_UNIT_PRICE,
  saleDecider,
  SaleEvent,
  SellSubscription,
} from '../src';
import { cskCertified, priceList, registered, saleContext, TODAY, World } from './fixtures';
import { given } from './given';

const sell = (quantity: number): SellSubscription => ({
  type: 'SellSubscription',
  today: TODAY,
  data: {
    saleId: 'S1',
    partnerId: 'P1',
    clientId: 'C1',
    positionCode: 'BP-5-12',
    quantity,
    soldOn: '2015-01-15',
  },
});
const priced = (retailPrice: number): World => ({
  priceList: [priceList('2014-12-01', { retailPrice })],
});
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

describe('a sale stays within the money bounds', () => {
  it('sells 1 000 units at 9 999 999.99: retail 9 999 999 990.00 exactly, discount + net = retail', () => {
    const world = {
      ...priced(MAX_UNIT_PRICE),
      partner: [registered(), cskCertified('2014-01-01')],
    };
    const [soldEvent, applied] = given(saleDecider)
      .when(sell(MAX_QUANTITY), saleContext(world))
      .result();
    expect(soldEvent.data).toMatchObject({
      unitPrice: 999_999_999,
      quantity: 1_000,
      retail: 999_999_999_000,
    });
    // 50 % of 9 999 999 990.00 is exactly 4 999 999 995.00.
    expect((applied as DiscountApplied).data).toMatchObject({
      rule: 'csk',
      retail: 999_999_999_000,
      discount: 499_999_999_500,
      net: 499_999_999_500,
    });
  });
  it.each([0, MAX_QUANTITY + 1, 100_000, 1.5, Number.NaN])(
    'rejects a quantity of %s',
    (quantity) => {
      given(saleDecider).when(sell(quantity), saleContext()).thenRejects('quantity');
    },
  );
  it('rejects a quantity before anything else, even for a sale id that is taken', () => {
    given(saleDecider, [sold]).when(sell(0), saleContext()).thenRejects('quantity');
  });
  describe('against a price list recorded before the bounds', () => {
    it('rejects 1 000 × 9 999 999 999 999.99 as a field, not a rounded total', () => {
      given(saleDecider)
        .when(sell(MAX_QUANTITY), saleContext(priced(999_999_999_999_999)))
        .thenRejects('quantity');
    });
    it('rejects 1 000 units at 10 000 000.00 (over 9 999 999 990.00), and sells 999 of them', () => {
      const world = priced(MAX_UNIT_PRICE + 1);
      given(saleDecider).when(sell(1_000), saleContext(world)).thenRejects('quantity');
      const [, applied] = given(saleDecider).when(sell(999), saleContext(world)).result();
      expect((applied as DiscountApplied).data).toMatchObject({
        retail: 999_000_000_000,
        discount: 199_800_000_000,
        net: 799_200_000_000,
      });
    });
  });
});

describe('a payment stays within the money bounds', () => {
  const pay = (amount: number) => ({
    type: 'RecordPayment' as const,
    today: TODAY,
    data: { saleId: 'S1', paidOn: '2015-01-20', amount },
  });
  it('records a payment of up to 9 999 999 990.00, what one sale may cost', () => {
    given(saleDecider, [sold])
      .when(pay(MAX_SALE_AMOUNT), undefined)
      .then([
        {
          type: 'PaymentReceived',
          data: {
            saleId: 'S1',
            partnerId: 'P1',
            clientId: 'C1',
            paidOn: '2015-01-20',
            amount: 999_999_999_000,
          },
        },
      ]);
  });
  it.each([
    ['a kopeck over 9 999 999 990.00', MAX_SALE_AMOUNT + 1],
    ['9 999 999 999 999.99', 999_999_999_999_999],
    ['zero', 0],
    ['a fraction of a kopeck', 0.5],
    ['not a number', Number.NaN],
  ])('rejects an amount of %s', (_name, amount) => {
    given(saleDecider, [sold]).when(pay(amount), undefined).thenRejects('amount');
  });
});
